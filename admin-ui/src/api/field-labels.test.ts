import assert from 'node:assert/strict';
import { fieldsLine, labelFields, labelOf, plainMessage, withField } from './field-labels';

describe('field labels (validation messages name their field)', () => {
  it('labels API field names as the forms do, rule conditions with their place in the tree', () => {
    assert.equal(labelOf('price'), 'Price');
    assert.equal(labelOf('condition.value'), 'Condition of every listing');
    assert.equal(labelOf('overrides.handlingTimeDays'), 'Handling time (days)');
    assert.equal(labelOf('conditions.conditions[1].operator'), 'Operator (condition 2)');
    assert.equal(labelOf('conditions.conditions[0].conditions[2].value'), 'Value (condition 1.3)');
    assert.equal(labelOf('attributes.packSize'), 'Pack size');
    assert.equal(labelOf('someNewField'), 'Some new field');
    assert.equal(labelOf('name', { name: 'Store name' }), 'Store name');
    assert.equal(labelOf('_form'), '');
  });

  it("turns the schema checker's words into the admin's, and joins them to the field's name", () => {
    assert.equal(plainMessage('must be >= 0'), 'must be 0 or more');
    assert.equal(plainMessage('must NOT have fewer than 1 characters'), 'is required');
    assert.equal(plainMessage("must have required property 'email'"), 'is required');
    assert.equal(plainMessage('must match format "email"'), 'must be a valid e-mail address');
    assert.equal(plainMessage('must be integer'), 'must be a whole number');
    assert.equal(withField('Price', 'must be >= 0'), 'Price must be 0 or more');
    assert.equal(withField('Catalog attribute', 'no catalog attribute "x"'), 'Catalog attribute: no catalog attribute "x"');
    assert.equal(withField('Price', 'Price is too high'), 'Price is too high', 'a message that already names its field');
    assert.equal(withField('', 'Change at least one field before saving'), 'Change at least one field before saving');
  });

  it('labels a set of field messages and gives them as one line', () => {
    const fields = labelFields({ price: 'must be >= 0', name: 'is required' }, { name: 'Product Name' });
    assert.deepEqual(fields, { price: 'Price must be 0 or more', name: 'Product Name is required' });
    assert.equal(fieldsLine(fields), 'Price must be 0 or more; Product Name is required');
  });
});
