/**
 * Dates in Amazon's flat-file reports, which each marketplace prints its own way:
 * `2024-05-01 10:00:00 PDT` (local time + zone abbreviation), `2022-07-11T01:34:18+02:00` (ISO with offset),
 * `08/07/2016 10:12:40 BST` (day first in EU/UK/JP/… marketplaces, month first in NA ones) and
 * `2016/08/07 10:12:40 JST`. The result is an ISO UTC instant, or null for a form we do not know (the caller
 * keeps the raw text): a date we cannot read must not stop a report.
 */

/** UTC offsets (minutes) of the zone abbreviations Amazon prints. */
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  BST: 60,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  TRT: 180,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
  BRT: -180,
  BRST: -120,
  JST: 540,
  AEST: 600,
  AEDT: 660,
  IST: 330,
  SGT: 480,
  GST: 240,
};

/** Marketplaces that print month first in slash dates (North and South America). */
const MONTH_FIRST = new Set(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A2Q3Y263D00KWC']);

function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null; // 31/02 and the like
  return new Date(ms).toISOString();
}

function zoneOffset(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0; // no zone: Amazon's bare dates are UTC
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : null;
}

export function parseReportDate(raw: string | null, marketplaceId: string | null): string | null {
  const text = raw?.trim();
  if (!text) return null;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  }
  const ymd = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/.exec(text);
  if (ymd) {
    const off = zoneOffset(ymd[7]);
    return off === null ? null : instant(+ymd[1]!, +ymd[2]!, +ymd[3]!, +ymd[4]!, +ymd[5]!, +(ymd[6] ?? 0), off);
  }
  const slash = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/.exec(text);
  if (slash) {
    const off = zoneOffset(slash[7]);
    if (off === null) return null;
    const [a, b] = [+slash[1]!, +slash[2]!];
    const monthFirst = marketplaceId !== null && MONTH_FIRST.has(marketplaceId);
    const [mo, d] = monthFirst ? [a, b] : [b, a];
    return instant(+slash[3]!, mo, d, +slash[4]!, +slash[5]!, +(slash[6] ?? 0), off);
  }
  return null;
}
