import assert from 'node:assert/strict';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError } from '../api/client';
import { provideApi } from '../api/provider';
import { fakeApi, validationError } from '../test-support/fake-api';
import { useSalesOrderStore } from './sales-order';

const entry = (id: number, comment: string | null) => ({
  id,
  status: 'processing',
  comment,
  isCustomerNotified: false,
  author: 'admin@example.com',
  createdAt: '2026-12-01T10:00:00Z',
});
const detail = (id: number) => ({ id, incrementId: `00000000${id}`, history: [entry(1, 'Imported from Amazon')] });

describe('sales order store (order page)', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads the order, and drops another order’s detail while the next one loads', async () => {
    let release: (() => void) | null = null;
    provideApi(
      fakeApi(async (call) => {
        if (call.path.endsWith('/2')) await new Promise<void>((r) => (release = r));
        return detail(Number(call.path.split('/').pop()));
      }),
    );
    const store = useSalesOrderStore();
    await store.load(1);
    assert.equal(store.order?.id, 1);
    const pending = store.load(2);
    assert.equal(store.order, null, 'order 1 is not shown as order 2');
    (release as (() => void) | null)?.();
    await pending;
    // Read again: the assertion above narrowed `store.order` to null.
    assert.equal((store.order as { id: number } | null)?.id, 2);
  });

  it('keeps the problem of an order that does not exist', async () => {
    provideApi(fakeApi(() => new ApiError(404, 'NOT_FOUND', 'Order 99 not found')));
    const store = useSalesOrderStore();
    await store.load(99);
    assert.equal(store.problem?.code, 'NOT_FOUND');
    assert.equal(store.order, null);
  });

  it('adds a trimmed comment and puts it on top of the history', async () => {
    const api = provideApi(fakeApi((call) => (call.method === 'GET' ? detail(1) : entry(2, 'Called the buyer'))));
    const store = useSalesOrderStore();
    await store.load(1);
    const problem = await store.addComment({ comment: '  Called the buyer ', isCustomerNotified: false });
    assert.equal(problem, null);
    assert.deepEqual(api.calls[1], {
      method: 'POST',
      path: '/api/sales/orders/1/comments',
      body: { comment: 'Called the buyer', isCustomerNotified: false },
    });
    assert.deepEqual(
      store.order?.history.map((h) => h.comment),
      ['Called the buyer', 'Imported from Amazon'],
    );
  });

  it('refuses an empty comment without asking the server, and names the field of a server refusal', async () => {
    const api = provideApi(
      fakeApi((call) =>
        call.method === 'GET'
          ? detail(1)
          : validationError([{ field: 'body.comment', message: 'must NOT have more than 5000 characters' }]),
      ),
    );
    const store = useSalesOrderStore();
    await store.load(1);
    const empty = await store.addComment({ comment: '   ' });
    assert.equal(empty?.fields.comment, 'Comment is required');
    assert.equal(api.calls.length, 1);
    const refused = await store.addComment({ comment: 'x'.repeat(5001) });
    assert.match(refused?.fields.comment ?? '', /^Comment /);
    assert.equal(store.order?.history.length, 1);
    assert.equal(store.commenting, false);
  });
});
