import assert from 'node:assert/strict';
import { ApiError, createApiClient, encodeQuery } from './client';

function respond(status: number, body: unknown, statusText = '') {
  return async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), { status, statusText });
}

describe('admin API client', () => {
  it('encodes queries: arrays repeat the key, empty values are left out', () => {
    assert.equal(
      encodeQuery({ page: 2, sku: 'AB', name: '', type: undefined, salableMin: 0, attr: ['color:Red', 'size:M'] }),
      '?page=2&sku=AB&salableMin=0&attr=color%3ARed&attr=size%3AM',
    );
    assert.equal(encodeQuery({}), '');
  });

  it('sends JSON with the session cookie and returns the decoded answer', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    const api = createApiClient({
      fetch: async (input, init) => {
        url = String(input);
        seen = init;
        return new Response(JSON.stringify({ id: 7 }), { status: 200 });
      },
    });
    const result = await api.patch<{ id: number }>('/api/catalog/products/7', { price: 5 }, { query: { stock: 1 } });
    assert.deepEqual(result, { id: 7 });
    assert.equal(url, '/api/catalog/products/7?stock=1');
    assert.equal(seen?.method, 'PATCH');
    assert.equal(seen?.credentials, 'same-origin');
    assert.equal(seen?.body, '{"price":5}');
  });

  it('turns an error envelope into an ApiError with its code, message and details', async () => {
    const details = { fields: [{ field: 'body.price', message: 'must be >= 0' }] };
    const api = createApiClient({
      fetch: respond(400, { error: { code: 'VALIDATION_FAILED', message: 'body.price: must be >= 0', details } }),
    });
    await assert.rejects(api.post('/api/x', {}), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.status, 400);
      assert.equal(e.code, 'VALIDATION_FAILED');
      assert.deepEqual(e.details, details);
      return true;
    });
  });

  it('names a non-envelope failure by its HTTP status, and an unreachable server as NETWORK_ERROR', async () => {
    await assert.rejects(createApiClient({ fetch: respond(502, '<html>bad gateway</html>', 'Bad Gateway') }).get('/api/x'), {
      code: 'HTTP_502',
      status: 502,
    });
    const offline = createApiClient({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    await assert.rejects(offline.get('/api/x'), { code: 'NETWORK_ERROR', status: 0 });
  });

  it('reports an expired or missing session to onUnauthenticated, unless the call asks to stay quiet', async () => {
    const api = createApiClient({ fetch: respond(401, { error: { code: 'SESSION_EXPIRED', message: 'expired' } }) });
    const reported: string[] = [];
    api.onUnauthenticated = (e) => reported.push(e.code);
    await assert.rejects(api.get('/api/catalog/products'), { code: 'SESSION_EXPIRED' });
    await assert.rejects(api.get('/api/auth/me', { quietUnauthenticated: true }), { code: 'SESSION_EXPIRED' });
    assert.deepEqual(reported, ['SESSION_EXPIRED']);
  });

  it('does not treat wrong sign-in credentials as a lost session', async () => {
    const api = createApiClient({ fetch: respond(401, { error: { code: 'INVALID_CREDENTIALS', message: 'wrong' } }) });
    let reported = false;
    api.onUnauthenticated = () => (reported = true);
    await assert.rejects(api.post('/api/auth/login', { email: 'a@b.c', password: 'x' }), { code: 'INVALID_CREDENTIALS' });
    assert.equal(reported, false);
  });

  it('returns nothing for 204 and a Blob for downloads', async () => {
    assert.equal(await createApiClient({ fetch: respond(204, undefined) }).post('/api/auth/logout'), undefined);
    const blob = await createApiClient({ fetch: respond(200, 'sku,name\nA,B\n') }).download('/api/catalog/products.csv');
    assert.equal(await blob.text(), 'sku,name\nA,B\n');
  });

  it('uploads a file as the body itself, with its content type, and decodes the JSON answer', async () => {
    let seen: RequestInit | undefined;
    let url = '';
    const api = createApiClient({
      fetch: async (input, init) => {
        url = String(input);
        seen = init;
        return new Response(JSON.stringify({ id: 'abc' }), { status: 201 });
      },
    });
    const file = new Blob(['sku,name\nA,B\n']);
    const result = await api.upload<{ id: string }>('/api/catalog/imports', file, 'text/csv', { query: { fileName: 'a.csv' } });
    assert.deepEqual(result, { id: 'abc' });
    assert.equal(url, '/api/catalog/imports?fileName=a.csv');
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.body, file);
    assert.equal((seen?.headers as Record<string, string>)['content-type'], 'text/csv');
  });
});
