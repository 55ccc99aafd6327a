/**
 * How Amazon prints a flat-file report in each marketplace: the bytes' charset and the charset it declares
 * in the document's Content-Type (none for the EU marketplaces, whose readers must know it is Cp1252), the
 * column layout (the UK still gets the older 27 columns without merchant-shipping-group and status), the
 * header language, and how `open-date` is written (local time of the marketplace in its own format).
 * One table, so a new marketplace is one line; marketplaces not listed get the US form with UTC dates.
 */

export interface ReportLocale {
  /** iconv-lite name of the bytes' encoding. */
  encoding: 'windows1252' | 'Shift_JIS' | 'utf8';
  /** What the Content-Type's charset says; null = no charset parameter at all (Amazon's EU documents). */
  declaredCharset: string | null;
  layout: 'current' | 'older';
  headers: 'en' | 'ja';
  timeZone: string;
  /**
   * ymd `2024-05-01 10:00:00 PDT` · dmy `08/07/2016 10:12:40 BST` · iso `2022-07-11T01:34:18+02:00` ·
   * ymd-slash `2016/08/07 10:12:40 JST`.
   */
  dates: 'ymd' | 'dmy' | 'iso' | 'ymd-slash';
  /** Zone abbreviation by UTC offset in minutes (standard and summer time). */
  zoneNames: Record<number, string>;
}

const PACIFIC = { '-480': 'PST', '-420': 'PDT' };
const NA: Omit<ReportLocale, 'timeZone' | 'zoneNames'> = {
  encoding: 'windows1252',
  declaredCharset: 'Cp1252',
  layout: 'current',
  headers: 'en',
  dates: 'ymd',
};
const EU: Omit<ReportLocale, 'timeZone'> = {
  encoding: 'windows1252',
  declaredCharset: null,
  layout: 'current',
  headers: 'en',
  dates: 'iso',
  zoneNames: { 60: 'CET', 120: 'CEST' },
};

export const REPORT_LOCALES: Record<string, ReportLocale> = {
  ATVPDKIKX0DER: { ...NA, timeZone: 'America/Los_Angeles', zoneNames: PACIFIC }, // US
  A2EUQ1WTGCTBG2: { ...NA, timeZone: 'America/Los_Angeles', zoneNames: PACIFIC }, // CA
  A1AM78C64UM0Y8: { ...NA, timeZone: 'America/Mexico_City', zoneNames: { '-360': 'CST', '-300': 'CDT' } }, // MX
  A2Q3Y263D00KWC: { ...NA, timeZone: 'America/Sao_Paulo', zoneNames: { '-180': 'BRT', '-120': 'BRST' } }, // BR
  A1F83G8C2ARO7P: {
    ...EU,
    declaredCharset: 'Cp1252',
    layout: 'older',
    dates: 'dmy',
    timeZone: 'Europe/London',
    zoneNames: { 0: 'GMT', 60: 'BST' },
  }, // UK
  A1PA6795UKMFR9: { ...EU, timeZone: 'Europe/Berlin' }, // DE
  A13V1IB3VIYZZH: { ...EU, timeZone: 'Europe/Paris' }, // FR
  APJ6JRA9NG5V4: { ...EU, timeZone: 'Europe/Rome' }, // IT
  A1RKKUPIHCS9HS: { ...EU, timeZone: 'Europe/Madrid' }, // ES
  A1805IZSGTT6HS: { ...EU, timeZone: 'Europe/Amsterdam' }, // NL
  A2NODRKZP88ZB9: { ...EU, timeZone: 'Europe/Stockholm' }, // SE
  A1C3SOZRARQ6R3: { ...EU, timeZone: 'Europe/Warsaw' }, // PL
  AMEN7PMS3EDWL: { ...EU, timeZone: 'Europe/Brussels' }, // BE
  A1VC38T7YXB528: {
    encoding: 'Shift_JIS',
    declaredCharset: 'Windows-31J',
    layout: 'current',
    headers: 'ja',
    dates: 'ymd-slash',
    timeZone: 'Asia/Tokyo',
    zoneNames: { 540: 'JST' },
  }, // JP
};

const OTHER: ReportLocale = { ...NA, timeZone: 'UTC', zoneNames: { 0: 'UTC' } };

/** The old tidy form (`tidyReports`): UTF-8 declared, current layout, English, UTC. */
export const TIDY_LOCALE: ReportLocale = { ...OTHER, encoding: 'utf8', declaredCharset: 'UTF-8' };

export const reportLocaleOf = (marketplaceId: string): ReportLocale => REPORT_LOCALES[marketplaceId] ?? OTHER;

/** The document's Content-Type as Amazon's S3 serves it. */
export const contentTypeOf = (l: ReportLocale): string => (l.declaredCharset ? `text/plain; charset=${l.declaredCharset}` : 'text/plain');

const pad = (n: number) => String(n).padStart(2, '0');

/** UTC offset of the zone at that instant, in minutes. */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** `open-date` as the marketplace prints it. */
export function formatReportDate(l: ReportLocale, ms: number): string {
  const off = offsetMinutes(l.timeZone, new Date(ms));
  const d = new Date(ms + off * 60_000); // wall-clock fields read through the UTC getters
  const [y, mo, da] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const zone = l.zoneNames[off] ?? `GMT${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  switch (l.dates) {
    case 'iso':
      return `${y}-${mo}-${da}T${time}${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    case 'dmy':
      return `${da}/${mo}/${y} ${time} ${zone}`;
    case 'ymd-slash':
      return `${y}/${mo}/${da} ${time} ${zone}`;
    default:
      return `${y}-${mo}-${da} ${time} ${zone}`;
  }
}
