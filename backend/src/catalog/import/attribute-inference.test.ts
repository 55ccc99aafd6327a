import assert from 'node:assert/strict';
import { ValueStats, splitOptions } from './attribute-inference';
import { setCodeFor } from './structure-plan';

const statsOf = (values: string[]) => {
  const stats = new ValueStats();
  for (const v of values) stats.add(v);
  return stats;
};
const typeOf = (values: string[], isSuper = false) => statsOf(values).inferType(isSuper);

describe('attribute types inferred from CSV values', () => {
  it('makes a super attribute a select whatever its values, with every value an option', () => {
    const stats = statsOf(['32', '33', '32', '34']);
    assert.equal(stats.inferType(true), 'select');
    assert.deepEqual(stats.options('select'), ['32', '33', '34']);
  });

  it('reads 0/1, yes/no and true/false as boolean', () => {
    assert.equal(typeOf(['0', '1', '0']), 'boolean');
    assert.equal(typeOf(['Yes', 'no']), 'boolean');
    assert.equal(typeOf(['0', '0']), 'boolean');
  });

  it('reads whole numbers as int, but not codes with a leading zero or more than 9 digits', () => {
    assert.equal(typeOf(['2', '12', '-3']), 'int');
    assert.equal(typeOf(['02134', '10001']), 'text', 'zip codes');
    assert.equal(typeOf(['4006381333931']), 'text', 'a barcode');
  });

  it('reads numbers with decimals as decimal, dates as Magento writes them as date', () => {
    assert.equal(typeOf(['25.5', '12', '30.75']), 'decimal');
    assert.equal(typeOf(['1.23456']), 'text', 'more decimals than the catalog keeps');
    assert.equal(typeOf(['2023-02-15', '3/1/23', '11/16/21, 11:40 AM']), 'date');
    assert.equal(typeOf(['2023-02-30']), 'text', 'not a day of the calendar');
  });

  it('reads values with "|" as multiselect, its options the distinct parts in first-seen order', () => {
    const stats = statsOf(['Gym|Hiking| Trail', 'Yoga|gym', 'Hiking']);
    assert.equal(stats.inferType(false), 'multiselect');
    assert.deepEqual(stats.options('multiselect'), ['Gym', 'Hiking', 'Trail', 'Yoga']);
    assert.equal(typeOf(['<p>a | b</p>\n<p>c</p>']), 'textarea', 'long text with a bar is not a list of options');
    assert.equal(typeOf(['Cotton, Polyester|Wool', 'Wool']), 'text', 'an option cannot hold the "," chosen options are stored with');
  });

  it('makes few values that repeat a select, ignoring case; unique or long values text or textarea', () => {
    const stats = statsOf(['Solid', 'Striped', 'solid', 'Solid']);
    assert.equal(stats.inferType(false), 'select');
    assert.deepEqual(stats.options('select'), ['Solid', 'Striped']);
    assert.equal(typeOf(['Duffel', 'Messenger', 'Backpack']), 'text', 'no value repeats');
    assert.equal(typeOf(['x'.repeat(256)]), 'textarea');
    assert.equal(typeOf(['first line\nsecond line', 'first line\nsecond line']), 'textarea');
    assert.equal(typeOf([]), 'text', 'no value at all');
    const many = Array.from({ length: 101 }, (_, i) => `Brand ${i}`);
    assert.equal(typeOf([...many, ...many]), 'text', 'more distinct values than a select holds');
  });

  it('splits multiselect cells and makes set codes from names', () => {
    assert.deepEqual(splitOptions(' Gym || Yoga '), ['Gym', 'Yoga']);
    assert.equal(
      setCodeFor('Gear & Bags', () => false),
      'gear_bags',
    );
    assert.equal(
      setCodeFor('Top', (c) => c === 'top'),
      'top_2',
    );
    assert.equal(
      setCodeFor('Ärmel', () => false),
      'armel',
    );
  });
});
