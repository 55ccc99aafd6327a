import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../api/provider';
import type { StockProfile, StockProfileListWire } from '../api/stock-profiles-types';
import { fakeApi, validationError, type Call } from '../test-support/fake-api';
import { addCondition, newCondition } from './rule-tree';
import { formOf, modeText, ruleText, sourcesText } from './stock-profile-form';
import { useStockProfilesStore } from './stock-profiles';

/** A profile as a server without rule assignment sends it: no conditions, no priority. */
const wire = (over: Partial<StockProfile> = {}): StockProfileListWire['items'][number] => ({
  id: 1,
  storeId: 4,
  name: 'Cap 3',
  mode: 'cap',
  value: 3,
  sources: [],
  placeholderQty: 100,
  maxQty: null,
  updateOnCatalogChange: true,
  noQuantity: 'zero',
  isDefault: false,
  listingCount: 0,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  ...over,
});

const SOURCES = [
  { code: 'wh_a', name: 'Warehouse A', enabled: true, country: 'US', description: null, stocks: [] },
  { code: 'wh_b', name: 'Warehouse B', enabled: false, country: 'US', description: null, stocks: [] },
];
const ATTRIBUTES = [
  { code: 'ean', label: 'EAN', type: 'text', options: [], isSystem: false },
  { code: 'sku', label: 'SKU', type: 'text', options: [], isSystem: true },
];

/** A server holding one store's profiles: answers the list, the writes and the catalog's choices. */
function server(items = [wire()], defaultProfileId: number | null = null) {
  const handle = (call: Call): unknown => {
    if (call.path === '/api/catalog/sources') return SOURCES;
    if (call.path === '/api/catalog/attributes') return ATTRIBUTES;
    if (call.method === 'GET' && call.path === '/api/stores/4/stock-profiles') return { defaultProfileId, items };
    if (call.method === 'POST' && call.path === '/api/stores/4/stock-profiles') {
      const created = wire({ ...(call.body as object), id: items.length + 1 });
      items = [...items, created];
      return created;
    }
    if (call.method === 'PUT' && call.path === '/api/stores/4/stock-profiles/default') {
      defaultProfileId = (call.body as { profileId: number | null }).profileId;
      items = items.map((p) => ({ ...p, isDefault: p.id === defaultProfileId }));
      return { defaultProfileId };
    }
    if (call.method === 'DELETE') {
      items = items.filter((p) => `/api/stores/4/stock-profiles/${p.id}` !== call.path);
      return undefined;
    }
    if (call.path === '/api/stores/4/stock-profiles/assign') return { assigned: (call.body as { listingIds: number[] }).listingIds.length };
    if (call.path === '/api/stores/4/stock-profiles/1/preview')
      return { matching: 7, sample: [{ listingId: 3, sku: 'BOTTLE', sellerSku: 'BOTTLE' }] };
    throw new Error(`unexpected ${call.method} ${call.path}`);
  };
  return provideApi(fakeApi(handle));
}

describe('stock profiles store (Stock Profiles)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads profiles from a server that sends no rule yet: no conditions, priority 100', async () => {
    server([wire(), wire({ id: 2, name: 'Half', mode: 'percentage', value: 50, isDefault: true })], 2);
    const s = useStockProfilesStore();
    await s.load(4);
    assert.equal(s.profiles.length, 2);
    assert.equal(s.profiles[0]!.conditions, null);
    assert.equal(s.profiles[0]!.priority, 100);
    assert.equal(s.defaultProfileId, 2);
    assert.equal(ruleText(s.profiles[0]!), 'By hand only');
  });

  it('describes each mode with its number, and the sources by name', async () => {
    server();
    const s = useStockProfilesStore();
    await s.loadChoices();
    assert.equal(modeText({ mode: 'cap', value: 5 }), 'Not more than 5');
    assert.equal(modeText({ mode: 'custom', value: 10 }), 'Custom quantity 10');
    assert.equal(modeText({ mode: 'percentage', value: 50 }), '50 % of catalog quantity');
    assert.equal(sourcesText([], s.sources), 'Website stock');
    assert.equal(sourcesText(['wh_a', 'gone'], s.sources), 'Warehouse A, gone');
    assert.deepEqual(
      s.attributes.map((a) => a.code),
      ['ean'],
      'system attributes are not offered to rules',
    );
  });

  it('creates a profile with the numbers typed, the rule and its priority, then reloads the list', async () => {
    const api = server([]);
    const s = useStockProfilesStore();
    await s.loadChoices();
    await s.load(4);
    const form = { ...formOf(null), name: ' Cap 3 ', mode: 'cap' as const, value: '3', maxQty: '', byRule: true, priority: '10' };
    addCondition(form.rule, { ...newCondition('attribute', s.lookup('ean')), operator: 'is_not_empty' });
    const result = await s.save(null, form);
    assert.equal(result.ok, true, JSON.stringify(result.problem));
    const post = api.calls.find((c) => c.method === 'POST');
    assert.deepEqual(post?.body, {
      name: 'Cap 3',
      mode: 'cap',
      value: 3,
      sources: [],
      placeholderQty: 100,
      maxQty: null,
      updateOnCatalogChange: true,
      noQuantity: 'zero',
      conditions: {
        kind: 'combine',
        aggregator: 'all',
        value: true,
        conditions: [{ kind: 'condition', field: 'attribute', attribute: 'ean', operator: 'is_not_empty' }],
      },
      priority: 10,
    });
    assert.deepEqual(
      s.profiles.map((p) => p.name),
      ['Cap 3'],
    );
  });

  it('refuses what the server would refuse, on the right field, before sending', async () => {
    const api = server();
    const s = useStockProfilesStore();
    await s.load(4);
    const sent = api.calls.length;
    const check = async (over: Record<string, unknown>, field: string) => {
      const result = await s.save(null, { ...formOf(null), name: 'X', ...over });
      assert.equal(result.ok, false);
      assert.ok(result.problem?.fields[field], `${JSON.stringify(over)} → ${JSON.stringify(result.problem?.fields)}`);
    };
    await check({ name: '  ' }, 'name');
    await check({ mode: 'cap', value: '' }, 'value');
    await check({ mode: 'custom', value: '2.5' }, 'value');
    await check({ mode: 'percentage', value: '0' }, 'value');
    await check({ mode: 'percentage', value: '101' }, 'value');
    await check({ placeholderQty: '-1' }, 'placeholderQty');
    await check({ maxQty: 'ten' }, 'maxQty');
    await check({ byRule: true, priority: '-5' }, 'priority');
    await check({ byRule: true, priority: '1000001' }, 'priority');
    const withEmptyValue = formOf(null);
    addCondition(withEmptyValue.rule, newCondition('category'));
    const tree = await s.save(null, { ...withEmptyValue, name: 'X', byRule: true });
    assert.ok(tree.problem?.fields['conditions.conditions[0].value'], JSON.stringify(tree.problem?.fields));
    assert.equal(api.calls.length, sent, 'nothing was sent');
    // A mode without a number sends value null even when a number was typed before switching mode.
    assert.equal((await s.save(null, { ...formOf(null), name: 'P', mode: 'single', value: '7' })).ok, true);
    assert.equal((api.calls.at(-2)?.body as { value: unknown }).value, null);
  });

  it("shows the server's refusal on the field it names (a name used twice, a bad value)", async () => {
    provideApi(
      fakeApi((call) =>
        call.method === 'GET'
          ? { defaultProfileId: null, items: [wire()] }
          : validationError([{ field: 'body.value', message: 'a whole number ≥ 0 is needed for mode cap' }]),
      ),
    );
    const s = useStockProfilesStore();
    await s.load(4);
    const result = await s.save(1, { ...formOf(s.profiles[0]!), value: '4' });
    assert.equal(result.ok, false);
    assert.equal(
      result.problem?.fields.value,
      'Not more than: a whole number ≥ 0 is needed for mode cap',
      'named as the dialog labels the number of a cap',
    );
  });

  it('makes a profile the default, assigns a listing by hand, deletes, previews the rule', async () => {
    const api = server([wire(), wire({ id: 2, name: 'Other', listingCount: 2 })]);
    const s = useStockProfilesStore();
    await s.load(4);
    assert.equal((await s.makeDefault(1)).ok, true);
    assert.equal(s.defaultProfileId, 1);
    assert.equal(s.profiles.find((p) => p.id === 1)?.isDefault, true);
    const assigned = await s.assign(null, [9]);
    assert.equal(assigned.assigned, 1);
    assert.deepEqual(api.calls.find((c) => c.path.endsWith('/assign'))?.body, { profileId: null, listingIds: [9] });
    assert.equal((await s.remove(2)).ok, true);
    assert.deepEqual(
      s.profiles.map((p) => p.id),
      [1],
    );
    assert.equal(await s.preview(1), null);
    assert.equal(s.previews[1]?.matching, 7);
  });
});
