/**
 * Outgoing e-mail in development mode (no SMTP_URL): every queued message becomes one readable .eml file in
 * MAIL_DIR and is marked sent; the admin reads it; a send cut short by a dying process is settled without a
 * second copy; the routes are for administrators only.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAIL_JOB } from '../../src/mail/index';
import { CLAIM_STALE_MS, INTERRUPTED_SMTP } from '../../src/mail/delivery-policy';
import { toDbTime } from '../../src/db/time';
import { ADMIN, as, buildTestApp, type TestApp } from '../helpers/app';
import { parseEml } from '../helpers/eml';

interface Message {
  id: number;
  to: string;
  subject: string;
  status: string;
  transport: string | null;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  messageId: string | null;
  text: string;
  html: string;
  file: string | null;
  source: string | null;
}

describe('mail: development folder', function () {
  this.timeout(60_000);
  let t: TestApp;
  let dir: string;
  let admin: ReturnType<typeof as>;
  let manager: ReturnType<typeof as>;

  before(async () => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asc-mail-')), 'mail');
    t = await buildTestApp({ config: { MAIL_DIR: dir, MAIL_FROM: 'Shop Alerts <alerts@shop.example>' } });
    admin = as(t.app, t.adminCookie);
    manager = as(t.app, t.managerCookie);
  });
  after(async () => {
    await t.close();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const queueNotice = (key: string, body: string) =>
    t.app.db.transaction((trx) =>
      t.app.stores.notifications.notifyOnce(
        trx,
        { kind: 'test_notice', severity: 'warning', storeId: null, title: `Notice ${key}`, message: 'm', dedupeKey: key },
        t.app.clock.now(),
        { to: 'amazon@shop.example', subject: `Amazon store "Outdoor US": ${key}`, body },
      ),
    );
  const outboxRow = (id: number) => t.db.knex('email_outbox').where({ id }).first();
  const message = async (id: number) => (await admin({ method: 'GET', url: `/api/mail/messages/${id}` })).json<Message>();

  it('writes each queued notice e-mail as a readable .eml file in a private folder and marks it sent', async () => {
    const body = 'Hello,\n\nthe Amazon authorization of “Outdoor US” expires on 2027-01-31.\nRenew it on the store’s card.\n';
    assert.equal(await queueNotice('expiring-30', body), true);
    assert.equal(await queueNotice('expiring-7', 'Hello,\n\nseven days left.\n'), true);
    assert.equal(fs.existsSync(dir), false, 'nothing is written before the job runs');

    const run = await t.app.jobs.runNow(MAIL_JOB);
    assert.deepEqual(run, { ran: true, summary: { sent: 2, retrying: 0, failed: 0, recovered: 0 } });

    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    const files = fs.readdirSync(dir).sort();
    assert.equal(files.length, 2);
    assert.ok(
      files.every((f) => /^outbox-\d+-[0-9a-f]{12}\.eml$/.test(f)),
      files.join(', '),
    );

    const rows = await t.db.knex('email_outbox').orderBy('id');
    for (const row of rows) {
      assert.ok(row.sent_at, 'marked sent');
      assert.equal(Number(row.attempts), 1);
      assert.equal(row.transport, 'folder');
      assert.equal(row.sending_since, null);
      const file = path.join(dir, `${/^<(.+)@shop\.example>$/.exec(row.message_id)![1]}.eml`);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const mail = parseEml(fs.readFileSync(file, 'utf8'));
      assert.equal(mail.headers.get('to'), 'amazon@shop.example');
      assert.equal(mail.headers.get('from'), 'Shop Alerts <alerts@shop.example>');
      assert.equal(mail.headers.get('subject'), row.subject);
      assert.equal(mail.headers.get('message-id'), row.message_id);
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.equal(mail.text, row.body);
      assert.match(mail.html ?? '', /<p>Hello,<\/p>/);
    }
    assert.match(parseEml(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).text ?? '', /“Outdoor US” expires on 2027-01-31/);

    // Nothing is sent twice: a second run finds nothing due.
    assert.deepEqual(await t.app.jobs.runNow(MAIL_JOB), { ran: true, summary: null });
    assert.equal(fs.readdirSync(dir).length, 2);
  });

  it('shows administrators the folder, the outbox and each message as it was written', async () => {
    const overview = await admin({ method: 'GET', url: '/api/mail/overview' });
    assert.equal(overview.statusCode, 200);
    assert.deepEqual(overview.json(), {
      transport: 'folder',
      folder: dir,
      smtp: null,
      from: 'Shop Alerts <alerts@shop.example>',
      maxAttempts: 6,
      counts: { queued: 0, sending: 0, retrying: 0, sent: 2, failed: 0 },
    });

    const list = (await admin({ method: 'GET', url: '/api/mail/messages?pageSize=1' })).json<{ items: Message[]; total: number }>();
    assert.equal(list.total, 2);
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0]!.subject, 'Amazon store "Outdoor US": expiring-7', 'newest first');
    assert.equal(list.items[0]!.status, 'sent');
    assert.equal(list.items[0]!.transport, 'folder');
    assert.equal((await admin({ method: 'GET', url: '/api/mail/messages?status=failed' })).json<{ total: number }>().total, 0);

    const one = await message(list.items[0]!.id);
    assert.equal(one.text, 'Hello,\n\nseven days left.\n');
    assert.match(one.html, /<p>seven days left.<\/p>/);
    assert.equal(path.dirname(one.file!), dir);
    assert.equal(parseEml(one.source ?? '').headers.get('subject'), 'Amazon store "Outdoor US": expiring-7');
  });

  it('sends a test e-mail to the signed-in administrator at once, and audits it', async () => {
    const res = await admin({ method: 'POST', url: '/api/mail/test' });
    assert.equal(res.statusCode, 200, res.body);
    const sent = res.json<Message>();
    assert.equal(sent.to, ADMIN.email);
    assert.equal(sent.status, 'sent');
    assert.ok(fs.existsSync(sent.file!));
    assert.match(parseEml(sent.source!).text ?? '', new RegExp(`Hello ${ADMIN.name},`));
    const audit = await t.db.knex('audit_log').where({ action: 'mail.test_sent' }).first();
    assert.equal(audit.user_email, ADMIN.email);
    assert.equal(audit.entity_id, String(sent.id));
  });

  /** What a process that died mid-send leaves: the claim, older than any send can take. */
  async function interruptedSend(id: number, transport: 'folder' | 'smtp', messageId: string) {
    await t.db
      .knex('email_outbox')
      .where({ id })
      .update({
        sending_since: toDbTime(new Date(Date.now() - CLAIM_STALE_MS - 1000)),
        sending_owner: 'dead-process',
        transport,
        attempts: 1,
        message_id: messageId,
      });
  }

  it('after a process died mid-send: a message whose file was written counts as sent, a missing one is written once', async () => {
    const written = await t.app.mail.enqueue(t.db.knex, { to: 'a@shop.example', subject: 'written', body: 'x' });
    const missing = await t.app.mail.enqueue(t.db.knex, { to: 'b@shop.example', subject: 'missing', body: 'y' });
    await interruptedSend(written, 'folder', `<outbox-${written}-aaaaaaaaaaaa@shop.example>`);
    await interruptedSend(missing, 'folder', `<outbox-${missing}-bbbbbbbbbbbb@shop.example>`);
    const writtenFile = path.join(dir, `outbox-${written}-aaaaaaaaaaaa.eml`);
    fs.writeFileSync(writtenFile, 'the complete message the dead process wrote');

    // A claim that is not stale yet is left alone: its process may still be sending.
    const fresh = await t.app.mail.enqueue(t.db.knex, { to: 'c@shop.example', subject: 'fresh', body: 'z' });
    await t.db.knex('email_outbox').where({ id: fresh }).update({ sending_since: toDbTime(), sending_owner: 'alive', attempts: 1 });

    const run = await t.app.jobs.runNow(MAIL_JOB);
    assert.deepEqual(run, { ran: true, summary: { sent: 1, retrying: 0, failed: 0, recovered: 2 } });
    assert.equal(fs.readFileSync(writtenFile, 'utf8'), 'the complete message the dead process wrote', 'not written again');
    assert.ok((await outboxRow(written)).sent_at);
    const again = await outboxRow(missing);
    assert.ok(again.sent_at);
    assert.equal(Number(again.attempts), 2);
    assert.equal(again.message_id, `<outbox-${missing}-bbbbbbbbbbbb@shop.example>`, 'the retry keeps its Message-ID');
    assert.equal(parseEml(fs.readFileSync(path.join(dir, `outbox-${missing}-bbbbbbbbbbbb.eml`), 'utf8')).text, 'y');
    const stillSending = await message(fresh);
    assert.equal(stillSending.status, 'sending');
    await t.db.knex('email_outbox').where({ id: fresh }).delete();
  });

  it('after a process died handing a message to SMTP: given up with the reason, not sent again; an admin may retry it', async () => {
    const id = await t.app.mail.enqueue(t.db.knex, { to: 'd@shop.example', subject: 'maybe delivered', body: 'w' });
    await interruptedSend(id, 'smtp', `<outbox-${id}-cccccccccccc@shop.example>`);
    const before = fs.readdirSync(dir).length;

    assert.deepEqual((await t.app.jobs.runNow(MAIL_JOB)).ran, true);
    const given = await message(id);
    assert.equal(given.status, 'failed');
    assert.equal(given.lastError, INTERRUPTED_SMTP);
    assert.equal(fs.readdirSync(dir).length, before, 'nothing sent');
    assert.equal((await t.app.jobs.runNow(MAIL_JOB)).ran, true);
    assert.equal((await message(id)).status, 'failed', 'stays given up');

    const retried = await admin({ method: 'POST', url: `/api/mail/messages/${id}/retry` });
    assert.equal(retried.statusCode, 200, retried.body);
    assert.equal(retried.json<Message>().status, 'sent');
    assert.equal(retried.json<Message>().attempts, 1, 'fresh attempts');
    assert.equal(retried.json<Message>().transport, 'folder');
    assert.ok(
      (
        await t.db
          .knex('audit_log')
          .where({ action: 'mail.retry', entity_id: String(id) })
          .first()
      ).user_email,
    );

    const again = await admin({ method: 'POST', url: `/api/mail/messages/${id}/retry` });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'CONFLICT');
    assert.equal((await admin({ method: 'GET', url: '/api/mail/messages/999999' })).statusCode, 404);
  });

  it('is for administrators only: 403 for a Catalog Manager, 401 without a session', async () => {
    const routes = [
      { method: 'GET' as const, url: '/api/mail/overview' },
      { method: 'GET' as const, url: '/api/mail/messages' },
      { method: 'GET' as const, url: '/api/mail/messages/1' },
      { method: 'POST' as const, url: '/api/mail/messages/1/retry' },
      { method: 'POST' as const, url: '/api/mail/test' },
    ];
    const before = await t.db.knex('email_outbox').count({ n: '*' }).first();
    for (const route of routes) {
      const refused = await manager(route);
      assert.equal(refused.statusCode, 403, `${route.method} ${route.url}`);
      assert.equal(refused.json().error.details.permission, 'mail.manage');
      assert.equal((await t.app.inject(route)).statusCode, 401, `${route.method} ${route.url}`);
    }
    assert.deepEqual(await t.db.knex('email_outbox').count({ n: '*' }).first(), before, 'no test e-mail was queued');
    const me = (await manager({ method: 'GET', url: '/api/auth/me' })).json<{ permissions: string[] }>();
    assert.ok(!me.permissions.includes('mail.manage'));
  });
});
