/**
 * Pure shaping of one outgoing message: the HTML alternative of the plain-text body (the outbox holds text; the
 * HTML is rendered from it the same way when it is sent and when the admin shows it), the Message-ID, and the
 * .eml file name derived from it. Unit-tested in message.test.ts.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// Links are made from already-escaped text, so a URL cannot close the attribute or open a tag.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
const linkify = (escaped: string) => escaped.replace(URL_PATTERN, (url) => `<a href="${url}">${url}</a>`);

/** The text as simple HTML: paragraphs at blank lines, line breaks kept, links clickable, everything escaped. */
export function renderHtml(text: string, subject: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).map(linkify).join('<br>\n')}</p>`);
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, Helvetica, sans-serif; font-size: 14px; line-height: 1.5; color: #303030">',
    ...paragraphs,
    '</body></html>',
  ].join('\n');
}

/** The domain of MAIL_FROM ("Name <a@shop.example>" or "a@shop.example"), for Message-IDs. */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'localhost';
}

/** `<outbox-42-1a2b3c4d5e6f@shop.example>`: the outbox id to find it, a random part so a new database never reuses one. */
export function messageIdFor(outboxId: number, random: string, domain: string): string {
  return `<outbox-${outboxId}-${random}@${domain}>`;
}

const LOCAL_PART = /^<(outbox-\d+-[0-9a-f]+)@[^<>\s]+>$/;

/** `outbox-42-1a2b3c4d5e6f.eml` for a Message-ID this service made; null for anything else (never a path from data). */
export function emlFileName(messageId: string | null): string | null {
  const local = messageId ? LOCAL_PART.exec(messageId)?.[1] : undefined;
  return local ? `${local}.eml` : null;
}
