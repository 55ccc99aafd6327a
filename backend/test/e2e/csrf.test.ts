/**
 * The forgery the security probe found, in a real browser: the admin is signed in, then opens a page
 * served from another port of the same host, which fires a bodyless `no-cors` POST at the API with
 * the admin's cookie. The request must be refused; the same request from the admin's own page works.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { ADMIN } from '../helpers/app';
import { toDbTime } from '../../src/db/time';
import {
  browserUnavailable,
  closeTab,
  launchChromium,
  openContext,
  openTab,
  saveFailure,
  signInAs,
  startAdminServer,
  type AdminServer,
  type Tab,
} from './browser';

const unavailable = browserUnavailable();

describe(`cross-site request forgery in the browser (e2e)${unavailable ? ` [skipped: ${unavailable}]` : ''}`, function () {
  let server: AdminServer;
  let browser: Browser;
  let context: BrowserContext;
  let attacker: http.Server;
  let attackerUrl = '';
  let tab: Tab | null = null;

  before(async function () {
    if (unavailable) this.skip();
    this.timeout(180_000);
    server = await startAdminServer();
    browser = await launchChromium();
    context = await openContext(browser, server.baseUrl);
    // The attacker's page: another port on the same host, so the browser treats it as same-site and sends the Lax cookie.
    attacker = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<!doctype html><title>prize</title><script>
        fetch(${JSON.stringify(`${server.baseUrl}/api/notifications/read-all`)}, { method: 'POST', mode: 'no-cors', credentials: 'include' })
          .finally(() => { document.title = 'sent'; });
      </script>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    attacker?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && tab) await saveFailure(this.currentTest.fullTitle(), tab, this.currentTest.err);
    if (tab) await closeTab(tab);
    tab = null;
  });

  const unread = async () => Number((await server.db.knex('admin_notifications').whereNull('read_at').count({ n: '*' }).first())?.n ?? 0);

  it("refuses the other port's bodyless no-cors POST, while the admin's own page may send it", async () => {
    await server.db
      .knex('admin_notifications')
      .insert({ kind: 'test', severity: 'info', title: 'Unread', message: 'Still unread', created_at: toDbTime(new Date()) });
    tab = await openTab(context);
    const { page } = tab;
    await page.goto('/admin/');
    await signInAs(page, ADMIN.email, ADMIN.password);
    await page.waitForURL(/\/admin\/(?!login)/);
    assert.equal(await unread(), 1);

    const evil = await context.newPage();
    await evil.goto(attackerUrl);
    await evil.waitForFunction("document.title === 'sent'");
    await evil.close();
    assert.equal(await unread(), 1, 'the forged request changed nothing');

    // The same request from the admin's page goes through: the check tells the two apart, it does not block the API.
    const status = await page.evaluate(
      async () => (await fetch('/api/notifications/read-all', { method: 'POST', credentials: 'include' })).status,
    );
    assert.equal(status, 200);
    assert.equal(await unread(), 0);
  });
});
