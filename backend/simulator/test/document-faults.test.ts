/**
 * Document-host faults injected through the control plane, seen on the wire: S3's 500/503 XML errors, a
 * slow answer, a body cut off mid-way, a Content-Length the body does not fill; what the state and
 * counters show; and that the rules are consumed and validated.
 */
import assert from 'node:assert/strict';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { after, before, beforeEach, describe, it } from 'mocha';
import { control, makeClient, SCENARIO, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;

interface Wire {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Set when the connection broke before the body was complete. */
  error: string | null;
  ms: number;
}

/** GET or PUT on a pre-signed URL through the simulator, keeping whatever arrived when the connection broke. */
function wire(sim: Sim, method: 'GET' | 'PUT', url: string, body?: Buffer, contentType?: string): Promise<Wire> {
  const u = new URL(url);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: u.host,
        servername: u.host,
        method,
        path: `${u.pathname}${u.search}`,
        agent: sim.agent,
        headers: contentType ? { 'content-type': contentType } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        const done = (error: string | null) =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), error, ms: Date.now() - started });
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null));
        res.on('aborted', () => done('aborted'));
        res.on('error', (e) => done(e.message));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('simulator document-host faults', function () {
  this.timeout(20_000);
  let sim: Sim;
  let reportUrl: string;

  before(async () => {
    sim = await startTestSimulator();
  });
  beforeEach(async () => {
    await control(sim, 'POST', '/_simulator/reset');
    await control(sim, 'POST', '/_simulator/settings', { reportProcessingSeconds: 0 });
    const sp = makeClient(sim);
    const { reportId } = (await sp.callAPI({
      operation: 'createReport',
      endpoint: 'reports',
      body: { reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA', marketplaceIds: [SCENARIO.US] },
    })) as { reportId: string };
    const report = (await sp.callAPI({ operation: 'getReport', endpoint: 'reports', path: { reportId } })) as { reportDocumentId: string };
    reportUrl = (
      (await sp.callAPI({
        operation: 'getReportDocument',
        endpoint: 'reports',
        path: { reportDocumentId: report.reportDocumentId },
      })) as { url: string }
    ).url;
  });
  after(async () => {
    await sim.close();
  });

  const fault = async (rule: Record<string, unknown>) => {
    const res = await control(sim, 'POST', '/_simulator/documents/faults', rule);
    assert.equal(res.status, 200, res.text);
    return res.json<{ id: number; kind: string; count: number }>();
  };

  it('serves a clean GZIP document when no fault is set', async () => {
    const res = await wire(sim, 'GET', reportUrl);
    assert.equal(res.status, 200);
    assert.equal(res.error, null);
    assert.equal(Number(res.headers['content-length']), res.body.length);
    assert.match(gunzipSync(res.body).toString('utf8'), /^seller-sku|\tseller-sku/m);
  });

  it('answers S3 500 InternalError and 503 SlowDown, once each, then the document again', async () => {
    await fault({ kind: '5xx' });
    await fault({ kind: '5xx', status: 503 });
    const first = await wire(sim, 'GET', reportUrl);
    assert.equal(first.status, 500);
    assert.match(first.body.toString('utf8'), /<Error><Code>InternalError<\/Code>/);
    const second = await wire(sim, 'GET', reportUrl);
    assert.equal(second.status, 503);
    assert.match(second.body.toString('utf8'), /<Code>SlowDown<\/Code>/);
    assert.equal((await wire(sim, 'GET', reportUrl)).status, 200);
    const counters = (await control(sim, 'GET', '/_simulator/counters')).json<{ documentFaults: Record<string, number> }>();
    assert.deepEqual(counters.documentFaults, { '5xx': 2 });
  });

  it('holds a slow answer for delayMs', async () => {
    await fault({ kind: 'slow', delayMs: 400 });
    const res = await wire(sim, 'GET', reportUrl);
    assert.equal(res.status, 200);
    assert.ok(res.ms >= 380, `answered after ${res.ms} ms`);
  });

  it('cuts a truncated body off mid-way, under the full Content-Length', async () => {
    await fault({ kind: 'truncated' });
    const res = await wire(sim, 'GET', reportUrl);
    assert.equal(res.status, 200);
    assert.notEqual(res.error, null, 'the connection broke before the end of the body');
    assert.ok(
      res.body.length < Number(res.headers['content-length']),
      `${res.body.length} of ${String(res.headers['content-length'])} bytes`,
    );
  });

  it('announces more bytes than it sends with wrong-length', async () => {
    await fault({ kind: 'wrong-length' });
    const res = await wire(sim, 'GET', reportUrl);
    assert.equal(res.status, 200);
    assert.notEqual(res.error, null, 'the body ends before the announced length');
    assert.equal(Number(res.headers['content-length']), res.body.length + 64);
    assert.ok(gunzipSync(res.body).length > 0, 'the whole body did arrive');
  });

  it('applies a method-bound rule only to that method, shows rules in the state and clears them', async () => {
    const put = await fault({ kind: '5xx', method: 'PUT', count: 2 });
    assert.equal(put.count, 2);
    assert.equal((await wire(sim, 'GET', reportUrl)).status, 200, 'a PUT rule leaves downloads alone');
    const state = (await control(sim, 'GET', '/_simulator/state')).json<{ documentFaults: { kind: string; method?: string }[] }>();
    assert.deepEqual(
      state.documentFaults.map((f) => [f.kind, f.method]),
      [['5xx', 'PUT']],
    );
    await control(sim, 'DELETE', '/_simulator/documents/faults');
    assert.deepEqual((await control(sim, 'GET', '/_simulator/documents/faults')).json(), { faults: [] });
  });

  it('refuses rules it cannot apply', async () => {
    for (const rule of [{ kind: 'gone' }, { kind: 'truncated', method: 'PUT' }, { kind: '5xx', status: 502 }, { kind: 'slow', count: 0 }]) {
      const res = await control(sim, 'POST', '/_simulator/documents/faults', rule);
      assert.equal(res.status, 400, JSON.stringify(rule));
    }
  });
});
