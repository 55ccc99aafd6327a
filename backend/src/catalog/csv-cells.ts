/**
 * CSV cells a spreadsheet opens safely. Excel, LibreOffice and Google Sheets run a cell that starts
 * with = + - @ (or a tab or carriage return before one) as a formula, so a product name typed by
 * anyone could run in the merchant's spreadsheet (CSV injection). As OWASP recommends, such text
 * gets a leading single quote, which spreadsheets show as text. Numbers are left alone: only text
 * is escaped, so a negative quantity or price stays a number. Pure.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The record with every text value made spreadsheet-safe; numbers as they are. */
export function spreadsheetSafeRecord<T extends Record<string, string | number>>(record: T): T {
  const safe: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(record)) safe[key] = typeof value === 'string' ? spreadsheetSafeText(value) : value;
  return safe as T;
}
