/**
 * The small server-rendered pages the consent tab ends on: what happened and what to do next.
 * On success the page loads `consent-return.js`, which tells the admin's tab and closes this one (or returns to
 * the admin by itself); without scripts, the page still says so and links back.
 */
import { CONSENT_RETURN_PATH } from './consent-return';

export type Outcome =
  | 'connected'
  | 'renewed'
  | 'denied'
  | 'missing_state'
  | 'malformed_link'
  | 'signed_out'
  | 'invalid_state'
  | 'reused_state'
  | 'expired_state'
  | 'other_session'
  | 'store_gone'
  | 'missing_code'
  | 'bad_code'
  | 'amazon_unavailable'
  | 'wrong_marketplace'
  | 'seller_taken'
  | 'different_seller'
  | 'not_allowed';

export interface Page {
  status: number;
  outcome: Outcome;
  title: string;
  message: string;
  next: string;
  /** The store the consent was for, on success: the way back leads to it. */
  storeId?: number;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const START_AGAIN =
  'Go back to Amazon Stores to start again: Connect on the store’s card, or Renew / Reconnect in the banner at the top of the admin.';

export function page(outcome: Outcome, detail?: string): Page {
  const d = detail ? ` ${detail}` : '';
  switch (outcome) {
    case 'connected':
      return {
        status: 200,
        outcome,
        title: 'Store connected',
        message: `The Amazon store${d} is connected. The authorization is valid for 365 days.`,
        next: 'This tab closes by itself and the admin shows the store; if it stays open, use the link below.',
      };
    case 'renewed':
      return {
        status: 200,
        outcome,
        title: 'Authorization renewed',
        message: `The Amazon authorization of${d} was renewed for another 365 days.`,
        next: 'This tab closes by itself and the admin shows the new expiry date; if it stays open, use the link below.',
      };
    case 'denied':
      return {
        status: 400,
        outcome,
        title: 'Authorization not granted',
        message: `Amazon did not authorize the connection (the consent was declined or cancelled in Seller Central).${d}`,
        next: START_AGAIN,
      };
    case 'missing_state':
      return {
        status: 400,
        outcome,
        title: 'Incomplete link',
        message: 'This page was opened without the authorization request it belongs to.',
        next: START_AGAIN,
      };
    case 'malformed_link':
      return {
        status: 400,
        outcome,
        title: 'Malformed link',
        message: 'This link does not have the form Amazon sends (a value is too long, repeated or not text). Nothing was changed.',
        next: START_AGAIN,
      };
    case 'signed_out':
      return {
        status: 401,
        outcome,
        title: 'Sign in to finish connecting',
        message:
          'Amazon sent the authorization back, but this browser is not signed in to the admin (or the session has ended), so it was not used. Nothing was changed yet.',
        next: 'Sign in to the admin in another tab of this browser as the admin who clicked Connect, then reload this page — within 10 minutes of clicking Connect. Otherwise start again from Amazon Stores.',
      };
    case 'invalid_state':
      return {
        status: 400,
        outcome,
        title: 'Unknown authorization request',
        message: 'This authorization request was not started by this service (or the link was altered). Nothing was changed.',
        next: START_AGAIN,
      };
    case 'reused_state':
      return {
        status: 400,
        outcome,
        title: 'Link already used',
        message: 'This authorization link has already been used; each link works once. Nothing was changed.',
        next: `If the store’s card does not show it connected, start again. ${START_AGAIN}`,
      };
    case 'expired_state':
      return {
        status: 400,
        outcome,
        title: 'Authorization request expired',
        message: 'More than 10 minutes passed since Connect was clicked. Nothing was changed.',
        next: START_AGAIN,
      };
    case 'other_session':
      return {
        status: 403,
        outcome,
        title: 'Started by another session',
        message:
          'This authorization was started by another admin than the one signed in in this browser, or by one whose role may no longer connect stores. Nothing was changed.',
        next: `Sign in as the admin who started it, or ${START_AGAIN.charAt(0).toLowerCase()}${START_AGAIN.slice(1)}`,
      };
    case 'store_gone':
      return {
        status: 404,
        outcome,
        title: 'Store not found',
        message: 'The store this authorization was for no longer exists. Nothing was changed.',
        next: 'Go back to Amazon Stores.',
      };
    case 'missing_code':
      return {
        status: 400,
        outcome,
        title: 'No authorization code',
        message: 'Amazon sent no authorization code or seller id.',
        next: START_AGAIN,
      };
    case 'bad_code':
      return {
        status: 400,
        outcome,
        title: 'Amazon refused the authorization code',
        message: `The code expires after 5 minutes and works once.${d}`,
        next: START_AGAIN,
      };
    case 'amazon_unavailable':
      return {
        status: 502,
        outcome,
        title: 'Amazon could not be reached',
        message: `Login with Amazon did not answer or failed.${d} Nothing was changed.`,
        next: `Wait a minute, then try again. ${START_AGAIN}`,
      };
    case 'wrong_marketplace':
      return {
        status: 400,
        outcome,
        title: 'Not selling in this marketplace',
        message: `The seller account you signed in with does not sell in this store’s marketplace.${d} The store was not connected.`,
        next: 'Sign in with the seller account that sells in this marketplace, or add the marketplace to your account in Seller Central first, then start again.',
      };
    case 'seller_taken':
      return {
        status: 409,
        outcome,
        title: 'Already connected to another store',
        message: `${detail ?? 'Another store holds this seller account in this marketplace.'} The store was not connected.`,
        next: 'Use the store that already holds this account, or disconnect it first.',
      };
    case 'different_seller':
      return {
        status: 409,
        outcome,
        title: 'Different seller account',
        message: `${detail ?? 'You signed in with another seller account than the store’s.'} Nothing was changed.`,
        next: 'Sign in to Seller Central with the store’s own account and start again.',
      };
    case 'not_allowed':
      return {
        status: 409,
        outcome,
        title: 'Not possible now',
        message: `${detail ?? 'The store cannot be connected in its current state.'} Nothing was changed.`,
        next: 'Go back to Amazon Stores.',
      };
  }
}

/** Where the page leads: the store's dashboard after a success (it confirms the connection), else Amazon Stores. */
export function backLink(p: Page, publicUrl: string): { href: string; text: string } {
  if (p.status === 200 && p.storeId !== undefined)
    return { href: `${publicUrl}/admin/amazon/stores/${p.storeId}/dashboard?consent=${p.outcome}`, text: 'Back to the store in the admin' };
  return { href: `${publicUrl}/admin/amazon/stores`, text: 'Back to Amazon Stores' };
}

export function renderPage(p: Page, publicUrl: string): string {
  const ok = p.status === 200;
  const back = backLink(p, publicUrl);
  const returning = ok && p.storeId !== undefined;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(p.title)} · Amazon Sales Channel</title>
<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em;color:#222}
.box{border-left:6px solid ${ok ? '#2e7d32' : '#c62828'};padding:.2em 1em;background:${ok ? '#f1f8e9' : '#fdecea'}}a{color:#1565c0}</style></head>
<body><div class="box" data-outcome="${p.outcome}"${returning ? ` data-store-id="${p.storeId}"` : ''} role="${ok ? 'status' : 'alert'}"><h1>${escape(p.title)}</h1>
<p id="message">${escape(p.message)}</p><p id="next">${escape(p.next)}</p></div>
<p id="return-status" aria-live="polite"></p>
<p><a id="back" href="${escape(back.href)}">${escape(back.text)}</a></p>${returning ? `\n<script src="${CONSENT_RETURN_PATH}"></script>` : ''}</body></html>`;
}
