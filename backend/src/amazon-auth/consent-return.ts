/**
 * The small script the callback page loads after a successful consent, so the Seller Central tab does not stay
 * behind: it tells the admin's tabs (BroadcastChannel `CONSENT_CHANNEL`, same origin) which store is done; an
 * admin tab that answers shows the connection, and this tab closes itself. When no admin tab answers, or the
 * browser keeps the tab open, the tab returns to the admin by itself (the page's `#back` link, the store's
 * dashboard, which then confirms the connection).
 *
 * A separate file rather than an inline <script>: the Content-Security-Policy allows scripts from our own
 * origin only (platform/security-headers.ts), so the page stays free of inline code. Plain ES5-era syntax:
 * it is sent as it is, not built.
 */
import { CONSENT_CHANNEL } from '../../../schema/stores';

export const CONSENT_RETURN_PATH = '/api/amazon-auth/consent-return.js';

/** How long the page waits for an admin tab's answer before it goes to the admin itself. */
export const ACK_WAIT_MS = 1500;

export const CONSENT_RETURN_SCRIPT = `(function () {
  'use strict';
  var box = document.querySelector('[data-outcome]');
  var back = document.getElementById('back');
  var status = document.getElementById('return-status');
  if (!box || !back) return;
  var outcome = box.getAttribute('data-outcome');
  var storeId = Number(box.getAttribute('data-store-id'));
  if ((outcome !== 'connected' && outcome !== 'renewed') || !(storeId > 0)) return;
  var say = function (text) { if (status) status.textContent = text; };
  var goBack = function () { say('Returning to the admin…'); window.location.replace(back.href); };
  if (typeof BroadcastChannel !== 'function') return goBack();
  var id = String(Date.now()) + Math.random().toString(36).slice(2);
  var channel = new BroadcastChannel(${JSON.stringify(CONSENT_CHANNEL)});
  var answered = false;
  channel.onmessage = function (event) {
    var m = event.data;
    if (!m || m.type !== 'consent-ack' || m.id !== id || answered) return;
    answered = true;
    channel.close();
    say('The admin shows the store. Closing this tab…');
    window.close();
    // Still here: the browser keeps tabs it did not open for a script; go to the admin instead.
    setTimeout(goBack, 400);
  };
  channel.postMessage({ type: 'consent-done', id: id, storeId: storeId, outcome: outcome });
  setTimeout(function () {
    if (answered) return;
    channel.close();
    goBack();
  }, ${ACK_WAIT_MS});
})();
`;
