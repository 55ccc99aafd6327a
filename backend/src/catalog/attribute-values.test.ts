import assert from 'node:assert/strict';
import { fromStored, toStored, type AttributeDef } from './attribute-values';

const def = (type: AttributeDef['type'], extra: Partial<AttributeDef> = {}): AttributeDef => ({
  code: 'x',
  label: 'X',
  type,
  isRequired: false,
  options: [],
  ...extra,
});
const stored = (d: AttributeDef, input: unknown) => {
  const r = toStored(d, input);
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r.stored;
};
const refused = (d: AttributeDef, input: unknown) => {
  const r = toStored(d, input);
  assert.equal(r.ok, false, `expected ${JSON.stringify(input)} to be refused`);
  return r.ok ? '' : r.message;
};

describe('attribute values', () => {
  it('stores options by their own spelling and refuses labels that are not options', () => {
    const color = def('select', { label: 'Color', options: ['Red', 'Blue'] });
    assert.deepEqual(stored(color, ' blue '), { value: 'Blue', longValue: null });
    assert.equal(refused(color, 'Purple'), '"Purple" is not an option of Color (Red, Blue)');
    assert.equal(refused(color, ['Red']), 'Color takes one value, not a list');
  });

  it('joins multiselect labels with commas, without duplicates, and reads them back as a list', () => {
    const material = def('multiselect', { label: 'Material', options: ['Cotton', 'Wool'] });
    const s = stored(material, ['wool', 'Cotton', 'Wool']);
    assert.deepEqual(s, { value: 'Wool,Cotton', longValue: null });
    assert.deepEqual(fromStored('multiselect', s!.value, s!.longValue), ['Wool', 'Cotton']);
    assert.match(refused(material, 'Wool'), /takes a list of options/);
  });

  it('accepts whole numbers for int, finite numbers for decimal', () => {
    assert.deepEqual(stored(def('int'), '-12'), { value: '-12', longValue: null });
    assert.equal(fromStored('int', '-12', null), -12);
    assert.match(refused(def('int'), 1.5), /not a whole number/);
    assert.match(refused(def('int'), 2 ** 31), /not a whole number/);
    assert.deepEqual(stored(def('decimal'), '2.50'), { value: '2.5', longValue: null });
    assert.match(refused(def('decimal'), 'abc'), /not a number/);
  });

  it('reads booleans from true/false, 1/0, yes/no and stores 1/0', () => {
    assert.equal(stored(def('boolean'), 'Yes')!.value, '1');
    assert.equal(stored(def('boolean'), 0)!.value, '0');
    assert.equal(fromStored('boolean', '1', null), true);
    assert.match(refused(def('boolean'), 'maybe'), /not yes or no/);
  });

  it('accepts real calendar dates only', () => {
    assert.equal(stored(def('date'), '2028-02-29')!.value, '2028-02-29');
    assert.match(refused(def('date'), '2027-02-29'), /not a date/);
    assert.match(refused(def('date'), '31/01/2027'), /not a date/);
  });

  it('limits text to 255 characters and moves longer textarea values to long_value', () => {
    assert.match(refused(def('text', { label: 'EAN' }), 'x'.repeat(256)), /at most 255 characters \(got 256\)/);
    const long = 'y'.repeat(300);
    assert.deepEqual(stored(def('textarea'), long), { value: null, longValue: long });
    assert.equal(fromStored('textarea', null, long), long);
  });

  it('treats null and empty as removal, refused for required attributes', () => {
    assert.equal(stored(def('text'), null), null);
    assert.equal(stored(def('multiselect', { options: ['A'] }), []), null);
    assert.equal(refused(def('text', { label: 'Name', isRequired: true }), ''), 'Name is required and cannot be empty');
  });
});
