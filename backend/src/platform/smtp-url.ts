/**
 * `SMTP_URL` read without sending anything: config.ts refuses a bad one at boot, and the mail admin page shows
 * where mail goes (host, port, TLS, user) — never the password. nodemailer parses the same URL for sending.
 */
export interface SmtpEndpoint {
  host: string;
  port: number;
  /** smtps:// = TLS from the first byte (usually port 465); smtp:// = plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  user: string | null;
}

/** What is wrong with an SMTP URL, or null when it can be used. */
export function smtpUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL like smtp://user:pass@host:587 or smtps://user:pass@host:465';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return `must start with smtp:// or smtps:// (got ${url.protocol}//)`;
  if (!url.hostname) return 'names no host';
  if (url.port === '0') return 'port must be 1-65535';
  if (url.pathname !== '' && url.pathname !== '/') return 'must not have a path (only host, port, credentials and ?options)';
  if (url.password && !url.username) return 'has a password but no user name';
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return 'has a user name or password that is not valid percent-encoding';
  }
  return null;
}

/** Host, port, TLS and user of a valid SMTP URL (nodemailer's defaults: 465 for smtps, 587 for smtp). */
export function smtpEndpoint(value: string): SmtpEndpoint {
  const url = new URL(value);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : null,
  };
}
