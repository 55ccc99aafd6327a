/**
 * Seller Central on sellercentral*.amazon.* hosts: the OAuth consent flow
 *   GET /apps/authorize/consent → sign-in → two-step code → permissions ("I understand…", Next)
 *   → "You are almost done" (Continue) → 302 to the app's redirect URI with
 *   spapi_oauth_code, state, selling_partner_id;
 * and Manage Your Apps (/apps/manage) where a signed-in seller can remove an app.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sim } from '../sim';
import type { Region, ScenarioApplication } from '../scenario';
import { bodyFields, pathAndQuery } from '../http-util';
import { randomId } from '../state';
import { cookieValue, sign, verify } from './signed';
import { almostDonePage, errorPage, managePage, orderPage, mfaPage, permissionsPage, signInPage, type Hidden } from './pages';

const COOKIE = 'sim-sc-session';
const FLOW_TTL_MS = 60 * 60 * 1000;
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

interface Flow {
  applicationId: string;
  state: string;
  redirectUri: string;
  region: Region;
}
interface Session {
  sellerId: string;
  email: string;
  region: Region;
}
interface PendingMfa {
  sellerId: string;
  email: string;
  region: Region;
}

/** Every Seller Central host the simulator serves, with its region (Amazon's hosts; the certificate names them all). */
export const SELLER_CENTRAL_HOSTS: Readonly<Record<string, Region>> = {
  'sellercentral.amazon.com': 'na',
  'sellercentral.amazon.ca': 'na',
  'sellercentral.amazon.com.mx': 'na',
  'sellercentral.amazon.com.br': 'na',
  'sellercentral-europe.amazon.com': 'eu',
  'sellercentral.amazon.co.uk': 'eu',
  'sellercentral.amazon.de': 'eu',
  'sellercentral.amazon.fr': 'eu',
  'sellercentral.amazon.it': 'eu',
  'sellercentral.amazon.es': 'eu',
  'sellercentral-japan.amazon.com': 'fe',
  'sellercentral.amazon.co.jp': 'fe',
  'sellercentral.amazon.com.au': 'fe',
};

export function sellerCentralRegion(host: string): Region | null {
  return Object.hasOwn(SELLER_CENTRAL_HOSTS, host) ? (SELLER_CENTRAL_HOSTS[host] ?? null) : null;
}

/**
 * Where the pages are served: at the root of Amazon's host names over HTTPS (`base` ''), or under
 * `/<host>` on the plain-HTTP loopback listener (loopback.ts). The session cookie is scoped to the
 * base, and marked Secure only over HTTPS (a browser drops a Secure cookie sent over plain HTTP).
 */
export interface SellerCentralMount {
  base: string;
  secure: boolean;
}

const AMAZON_HOST_MOUNT: SellerCentralMount = { base: '', secure: true };

export async function handleSellerCentral(
  sim: Sim,
  req: FastifyRequest,
  reply: FastifyReply,
  region: Region,
  mount: SellerCentralMount = AMAZON_HOST_MOUNT,
) {
  const { base } = mount;
  const { pathname: fullPath, search } = pathAndQuery(req);
  const pathname = base && fullPath.startsWith(`${base}/`) ? fullPath.slice(base.length) : fullPath;
  const now = sim.clock.nowMs();
  reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  const html = (status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page);
  const form = req.method === 'POST' ? (bodyFields(req) ?? {}) : {};
  const session = verify<Session>(sim.secret, form.session ?? cookieValue(req.headers.cookie, COOKIE), now);
  const validSession = session && session.region === region && sim.world.sellers.has(session.sellerId) ? session : null;
  const flow = verify<Flow>(sim.secret, form.flow, now);
  const signedSession = (s: Session) => sign(sim.secret, s, now + SESSION_TTL_MS);

  const orderDetails = (s: Session, amazonOrderId: string) => {
    const order = sim.world.sellers.get(s.sellerId)?.orders.get(amazonOrderId);
    if (!order || sim.world.marketplaceRegion(order.marketplaceId) !== region)
      return html(404, errorPage('Order not found', `Your account has no order ${amazonOrderId} in this Seller Central.`));
    return html(200, orderPage(order));
  };

  const consentPages = (s: Session, f: Flow, app: ScenarioApplication) => {
    const seller = sim.world.sellers.get(s.sellerId);
    if (!seller) return html(400, errorPage('Sign-in problem', 'Your session is no longer valid. Please sign in again.'));
    if (seller.scenario.primaryUser.email.toLowerCase() !== s.email.toLowerCase()) {
      return html(
        403,
        errorPage(
          'Authorization not permitted',
          'Only the primary account user can authorize applications. Ask the primary user of this account to authorize this app.',
          'PRIMARY_USER_REQUIRED',
        ),
      );
    }
    const inRegion = seller.scenario.participations.some((p) => sim.world.marketplaceRegion(p.marketplaceId) === region);
    if (!inRegion)
      return html(
        403,
        errorPage(
          'Authorization not permitted',
          'Your selling account has no marketplace in this Seller Central region.',
          'REGION_MISMATCH',
        ),
      );
    const hidden = { flow: sign(sim.secret, f, now + FLOW_TTL_MS), session: signedSession(s) };
    return html(200, permissionsPage(base, hidden, app.name, seller.scenario.storeName));
  };

  if (req.method === 'GET' && pathname === '/apps/authorize/consent') {
    const app = sim.world.applications.get(search.get('application_id') ?? '');
    if (!app) return html(400, errorPage('We are unable to complete your request', 'The application ID is not valid.', 'MD1000'));
    if (app.draft && search.get('version') !== 'beta') {
      return html(
        400,
        errorPage(
          'We are unable to complete your request',
          'This application is in draft status; the authorization URL must include version=beta.',
          'MD1000',
        ),
      );
    }
    const requested = search.get('redirect_uri');
    if (requested !== null && !sim.redirectUris(app).includes(requested)) {
      return html(
        400,
        errorPage('We are unable to complete your request', 'The redirect URI is not registered for this application.', 'MD5101'),
      );
    }
    const redirectUri = requested ?? app.redirectUris[0];
    if (!redirectUri)
      return html(400, errorPage('We are unable to complete your request', 'The application has no OAuth redirect URI.', 'MD5101'));
    const f: Flow = { applicationId: app.applicationId, state: search.get('state') ?? '', redirectUri, region };
    if (validSession) return consentPages(validSession, f, app);
    return html(200, signInPage(base, { flow: sign(sim.secret, f, now + FLOW_TTL_MS) }));
  }

  if (req.method === 'POST' && pathname === '/ap/signin') {
    const hidden: Hidden = { flow: form.flow, next: form.next };
    if (!flow && form.next !== 'manage' && orderOfNext(form.next) === null)
      return html(400, errorPage('Sign-in problem', 'This sign-in page has expired. Start again from the application.'));
    const email = (form.email ?? '').trim().toLowerCase();
    for (const seller of sim.world.sellers.values()) {
      const user = [seller.scenario.primaryUser, ...seller.scenario.users].find((u) => u.email.toLowerCase() === email);
      if (!user) continue;
      if (user.password !== form.password) return html(401, signInPage(base, hidden, 'Your password is incorrect', email));
      const pending = sign(sim.secret, { sellerId: seller.sellerId, email: user.email, region } satisfies PendingMfa, now + FLOW_TTL_MS);
      return html(200, mfaPage(base, { ...hidden, pending }));
    }
    return html(401, signInPage(base, hidden, 'We cannot find an account with that email address', email));
  }

  if (req.method === 'POST' && pathname === '/ap/mfa') {
    const pending = verify<PendingMfa>(sim.secret, form.pending, now);
    if (!pending) return html(400, errorPage('Sign-in problem', 'Your sign-in has expired. Please sign in again.'));
    const seller = sim.world.sellers.get(pending.sellerId);
    const user = seller && [seller.scenario.primaryUser, ...seller.scenario.users].find((u) => u.email === pending.email);
    if (!seller || !user) return html(400, errorPage('Sign-in problem', 'Unknown account.'));
    if ((form.otpCode ?? '').trim() !== user.otp)
      return html(
        401,
        mfaPage(
          base,
          { flow: form.flow, next: form.next, pending: form.pending },
          'The One Time Password (OTP) you entered is not valid. Please try again.',
        ),
      );
    const s: Session = { sellerId: seller.sellerId, email: user.email, region };
    const cookieAttributes = `Path=${base || '/'}${mount.secure ? '; Secure' : ''}; HttpOnly; SameSite=Lax`;
    reply.header('set-cookie', `${COOKIE}=${encodeURIComponent(signedSession(s))}; ${cookieAttributes}`);
    if (form.next === 'manage') return html(200, manage(sim, base, s, signedSession(s)));
    const nextOrder = orderOfNext(form.next);
    if (nextOrder !== null) return orderDetails(s, nextOrder);
    const app = flow && sim.world.applications.get(flow.applicationId);
    if (!flow || !app)
      return html(400, errorPage('Sign-in problem', 'This authorization request has expired. Start again from the application.'));
    return consentPages(s, flow, app);
  }

  if (req.method === 'POST' && (pathname === '/apps/authorize/confirm' || pathname === '/apps/authorize/complete')) {
    const app = flow && sim.world.applications.get(flow.applicationId);
    if (!flow || !app || flow.region !== region)
      return html(
        400,
        errorPage(
          'We are unable to complete your request',
          'This authorization request has expired or is invalid. Start again from the application.',
        ),
      );
    if (!validSession) return html(200, signInPage(base, { flow: form.flow }, 'Please sign in to continue.'));
    if (validSession.email.toLowerCase() !== sim.world.sellers.get(validSession.sellerId)?.scenario.primaryUser.email.toLowerCase()) {
      return html(
        403,
        errorPage('Authorization not permitted', 'Only the primary account user can authorize applications.', 'PRIMARY_USER_REQUIRED'),
      );
    }
    const hidden = { flow: form.flow, session: signedSession(validSession) };
    if (pathname === '/apps/authorize/confirm') {
      const storeName = sim.world.sellers.get(validSession.sellerId)?.scenario.storeName ?? '';
      if (form.acknowledge !== 'yes')
        return html(400, permissionsPage(base, hidden, app.name, storeName, 'Please confirm that you understand before you continue.'));
      return html(200, almostDonePage(base, hidden, app.name));
    }
    const code = `ANsim${randomId(15)}`;
    sim.world.authCodes.set(code, {
      code,
      sellerId: validSession.sellerId,
      applicationId: app.applicationId,
      region,
      issuedAtMs: now,
      used: false,
    });
    const target = new URL(flow.redirectUri);
    target.searchParams.set('state', flow.state);
    target.searchParams.set('selling_partner_id', validSession.sellerId);
    target.searchParams.set('spapi_oauth_code', code);
    return reply.code(302).header('location', target.toString()).send();
  }

  // The order page the channel's "View in Seller Central" opens (Manage Orders > order details), for a signed-in seller.
  const orderPath = /^\/orders-v3\/order\/([0-9A-Za-z-]{1,40})$/.exec(pathname);
  if (req.method === 'GET' && orderPath) {
    const amazonOrderId = orderPath[1]!;
    if (!validSession) return html(200, signInPage(base, { next: `order:${amazonOrderId}` }, 'Sign in to see this order.'));
    return orderDetails(validSession, amazonOrderId);
  }

  if (pathname === '/apps/manage' || pathname === '/apps/manage/revoke') {
    if (!validSession) return html(200, signInPage(base, { next: 'manage' }, 'Sign in to manage your apps.'));
    if (req.method === 'POST' && pathname === '/apps/manage/revoke') {
      const app = sim.world.applications.get(form.application_id ?? '');
      if (!app) return html(400, errorPage('Manage Your Apps', 'Unknown application.'));
      sim.world.revoke(validSession.sellerId, app.applicationId, region);
      return html(
        200,
        manage(sim, base, validSession, signedSession(validSession), `${app.name} was removed. It can no longer access your account.`),
      );
    }
    return html(200, manage(sim, base, validSession, signedSession(validSession)));
  }

  return html(404, errorPage('Looking for something?', "We're sorry. The Web address you entered is not a functioning page on our site."));
}

function manage(sim: Sim, base: string, s: Session, signedSession: string, notice?: string): string {
  const seller = sim.world.sellers.get(s.sellerId);
  const apps = sim.world
    .authorizedApps(s.sellerId)
    .filter((a) => a.region === s.region)
    .map((a) => ({
      id: a.application.applicationId,
      name: a.application.name,
      region: a.region,
      authorizedAt: new Date(a.authorizedAtMs).toISOString().slice(0, 10),
    }));
  return managePage(base, { session: signedSession }, seller?.scenario.storeName ?? '', apps, notice);
}

/** `next` of a sign-in started on an order page: `order:<AmazonOrderId>`, else null. */
function orderOfNext(next: string | undefined): string | null {
  return /^order:([0-9A-Za-z-]{1,40})$/.exec(next ?? '')?.[1] ?? null;
}
