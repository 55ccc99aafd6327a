/** Small helpers shared by the host handlers (the app parses every body as a raw Buffer). */
import type { FastifyRequest } from 'fastify';

export function rawBody(req: FastifyRequest): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

export function contentType(req: FastifyRequest): string {
  return (
    String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase() ?? ''
  );
}

/** Flat string fields from a JSON or form-encoded body; null when the body cannot be parsed. */
export function bodyFields(req: FastifyRequest): Record<string, string> | null {
  const text = rawBody(req).toString('utf8');
  if (text.trim() === '') return {};
  const type = contentType(req);
  if (type === 'application/json' || (type === '' && text.trim().startsWith('{'))) {
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export function hostOf(req: FastifyRequest): string {
  const host = String(req.headers.host ?? '').toLowerCase();
  // strip :port (IPv6 literals keep their brackets)
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

export function pathAndQuery(req: FastifyRequest): { pathname: string; search: URLSearchParams } {
  const url = new URL(req.raw.url ?? '/', 'https://simulator.invalid');
  return { pathname: url.pathname, search: url.searchParams };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
