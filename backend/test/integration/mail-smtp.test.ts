/**
 * Outgoing e-mail over SMTP (SMTP_URL) against a local SMTP server started here: the server receives exactly the
 * message, signed in with the URL's credentials; a failing server means retries with backoff and a visible error
 * until it comes back; attempts run out into "failed"; two processes send each message once.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import appPlugin from '../../src/app';
import { createKnex } from '../../src/db/connection';
import { MAIL_JOB } from '../../src/mail/index';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../src/mail/delivery-policy';
import { as, buildTestApp, testConfig, type TestApp } from '../helpers/app';
import { createTestDb, type TestDb } from '../helpers/db';
import { parseEml } from '../helpers/eml';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

interface Message {
  id: number;
  status: string;
  transport: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  messageId: string | null;
}

const USER = 'mailer@shop.example';
const PASS = 's3cret:p@ss';

describe('mail: SMTP', function () {
  this.timeout(120_000);
  let db: TestDb;
  let sink: SmtpSink;
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let now = new Date('2026-12-01T09:00:00.000Z');
  const advance = (ms: number) => (now = new Date(now.getTime() + ms));

  before(async () => {
    db = await createTestDb();
    sink = await startSmtpSink({ auth: { user: USER, pass: PASS } });
    t = await buildTestApp({ db, config: { SMTP_URL: smtpUrl(), MAIL_FROM: 'Shop Alerts <alerts@shop.example>' } });
    t.app.clock.follow(() => now);
    admin = as(t.app, t.adminCookie);
  });
  after(async () => {
    await t?.close();
    await sink?.close();
    await db?.drop();
  });
  beforeEach(async () => {
    sink.messages.length = 0;
    sink.refuse = null;
    await db.knex('email_outbox').delete();
  });

  const smtpUrl = (pass = PASS) => `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(pass)}@127.0.0.1:${sink.port}`;
  /** The app again, as another process would run it on the same database (its own connections when given). */
  async function anotherProcess(smtp: string, knex: Knex = db.knex): Promise<FastifyInstance> {
    const app = Fastify({ logger: false });
    await app.register(appPlugin, { config: testConfig({ DATABASE_URL: db.url, SMTP_URL: smtp }), knex });
    await app.ready();
    app.clock.follow(() => now);
    return app;
  }

  const queue = (subject: string, body = `Hello,\n\n${subject}.\n`, to = 'amazon@shop.example') =>
    t.app.mail.enqueue(db.knex, { to, subject, body });
  const send = () => t.app.jobs.runNow(MAIL_JOB);
  const message = async (id: number) => (await admin({ method: 'GET', url: `/api/mail/messages/${id}` })).json<Message>();

  it('delivers exactly the message to the server, signed in with the credentials of SMTP_URL', async () => {
    const id = await queue('Amazon store "Outdoor US": sync is stuck', 'Hello,\n\n12 listings have waited for Amazon since 09:00.\n');
    assert.deepEqual(await send(), { ran: true, summary: { sent: 1, retrying: 0, failed: 0, recovered: 0 } });

    assert.equal(sink.messages.length, 1);
    const [got] = sink.messages;
    assert.equal(got!.user, USER);
    assert.equal(sink.authFailures, 0);
    assert.equal(got!.from, 'alerts@shop.example');
    assert.deepEqual(got!.to, ['amazon@shop.example']);
    const mail = parseEml(got!.raw);
    assert.equal(mail.headers.get('subject'), 'Amazon store "Outdoor US": sync is stuck');
    assert.equal(mail.headers.get('to'), 'amazon@shop.example');
    assert.equal(mail.text, 'Hello,\n\n12 listings have waited for Amazon since 09:00.\n');
    assert.match(mail.html ?? '', /<p>12 listings have waited for Amazon since 09:00.<\/p>/);

    const sent = await message(id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.transport, 'smtp');
    assert.equal(sent.attempts, 1);
    assert.equal(mail.headers.get('message-id'), sent.messageId);

    assert.deepEqual(await send(), { ran: true, summary: null }, 'nothing left to send');
    assert.equal(sink.messages.length, 1);
  });

  it('shows where mail goes without the password', async () => {
    const res = await admin({ method: 'GET', url: '/api/mail/overview' });
    assert.deepEqual(res.json().smtp, { host: '127.0.0.1', port: sink.port, secure: false, user: USER });
    assert.equal(res.json().folder, null);
    assert.equal(res.json().transport, 'smtp');
    assert.doesNotMatch(res.body, /s3cret/);
  });

  it('retries a refused message with growing waits, shows the error, and delivers it once the server accepts again', async () => {
    const id = await queue('retry me');
    sink.refuse = { stage: 'rcpt', code: 451, message: 'Mailbox busy, try again later' };

    assert.deepEqual((await send()).ran, true);
    let m = await message(id);
    assert.equal(m.status, 'retrying');
    assert.equal(m.attempts, 1);
    assert.match(m.lastError ?? '', /451 Mailbox busy, try again later \(EENVELOPE\) — Attempt 1 of 6; trying again later\./);
    assert.equal(m.nextAttemptAt, new Date(now.getTime() + RETRY_DELAYS_MS[0]).toISOString());

    // Not before the wait is over.
    advance(RETRY_DELAYS_MS[0] - 1000);
    await send();
    assert.equal((await message(id)).attempts, 1);

    advance(1000);
    await send();
    m = await message(id);
    assert.equal(m.attempts, 2);
    assert.equal(m.nextAttemptAt, new Date(now.getTime() + RETRY_DELAYS_MS[1]).toISOString(), 'a longer wait');

    // The server goes away altogether: connection refused is retried too.
    await sink.stop();
    advance(RETRY_DELAYS_MS[1]);
    await send();
    m = await message(id);
    assert.equal(m.attempts, 3);
    assert.match(m.lastError ?? '', /ECONNREFUSED/);

    // Back, and accepting: delivered on the next due attempt, once.
    await sink.start();
    sink.refuse = null;
    advance(RETRY_DELAYS_MS[2]);
    await send();
    m = await message(id);
    assert.equal(m.status, 'sent');
    assert.equal(m.attempts, 4);
    assert.equal(m.lastError, null);
    assert.equal(sink.messages.length, 1);
    assert.equal(parseEml(sink.messages[0]!.raw).headers.get('message-id'), m.messageId, 'the Message-ID of the first attempt');
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and shows it; an administrator retries it when the server is fixed`, async () => {
    const id = await queue('never accepted');
    sink.refuse = { stage: 'data', code: 452, message: 'Insufficient system storage' };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await send();
      assert.equal((await message(id)).attempts, attempt);
      advance(RETRY_DELAYS_MS[attempt - 1] ?? 0);
    }
    const given = await message(id);
    assert.equal(given.status, 'failed');
    assert.match(given.lastError ?? '', /452 Insufficient system storage .*Given up after 6 attempts/);
    advance(24 * 3_600_000);
    await send();
    assert.equal((await message(id)).attempts, MAX_ATTEMPTS, 'not tried again by itself');
    assert.equal((await admin({ method: 'GET', url: '/api/mail/overview' })).json().counts.failed, 1);
    assert.equal((await admin({ method: 'GET', url: '/api/mail/messages?status=failed' })).json().items[0].id, id);

    sink.refuse = null;
    const retried = await admin({ method: 'POST', url: `/api/mail/messages/${id}/retry` });
    assert.equal(retried.json<Message>().status, 'sent');
    assert.equal(sink.messages.length, 1);
  });

  it('gives up at once when the server refuses the recipient for good', async () => {
    const id = await queue('no such mailbox', 'x', 'gone@shop.example');
    sink.refuse = { stage: 'rcpt', code: 550, message: 'No such user here' };
    await send();
    const m = await message(id);
    assert.equal(m.status, 'failed');
    assert.equal(m.attempts, 1);
    assert.match(m.lastError ?? '', /550 No such user here .*refused it for good/);
  });

  it('keeps retrying when the password is wrong (a setting to fix, not a bad message)', async () => {
    const wrong = await anotherProcess(smtpUrl('wrong'));
    try {
      const id = await queue('wrong password');
      await wrong.jobs.runNow(MAIL_JOB);
      const m = await message(id);
      assert.equal(m.status, 'retrying');
      assert.match(m.lastError ?? '', /EAUTH/);
      assert.doesNotMatch(m.lastError ?? '', /wrong/);
      assert.equal(sink.messages.length, 0);
      assert.equal(sink.authFailures, 1);
    } finally {
      await wrong.close();
    }
  });

  it('sends each message once when two processes drain the outbox at the same moment', async () => {
    // A second process: its own app and its own connections to the same database.
    const otherKnex = createKnex(db.url);
    const other = await anotherProcess(smtpUrl(), otherKnex);
    try {
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) ids.push(await queue(`message ${i}`));

      const [a, b] = await Promise.all([t.app.mail.drain(), other.mail.drain()]);
      assert.equal(a.sent + b.sent, 30);
      assert.ok(a.sent > 0 && b.sent > 0, `both processes sent (${a.sent} + ${b.sent}): they really competed`);
      assert.equal(sink.messages.length, 30);
      const subjects = sink.messages.map((m) => parseEml(m.raw).headers.get('subject'));
      assert.equal(new Set(subjects).size, 30, 'no message twice');
      const rows = await db.knex('email_outbox').whereIn('id', ids);
      assert.ok(rows.every((r) => r.sent_at && Number(r.attempts) === 1));

      // Through the job, the lease lets one process run at a time.
      await queue('one more');
      const runs = await Promise.all([t.app.jobs.runNow(MAIL_JOB), other.jobs.runNow(MAIL_JOB)]);
      assert.equal(sink.messages.length, 31);
      assert.ok(runs.some((r) => r.ran && r.summary?.sent === 1));
    } finally {
      await other.close();
      await otherKnex.destroy();
    }
  });
});
