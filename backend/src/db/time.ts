/**
 * Times are stored as UTC text `YYYY-MM-DD HH:MM:SS.mmm` on both engines (DATETIME(3) on MySQL,
 * TEXT on SQLite): sortable, comparable in SQL, and read back identically everywhere.
 */
export function toDbTime(date: Date = new Date()): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** DB time text → ISO 8601 string for the API (null stays null). */
export function fromDbTime(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return `${String(value).replace(' ', 'T')}${String(value).endsWith('Z') ? '' : 'Z'}`;
}

export function dbTimeAfter(ms: number, from: Date = new Date()): string {
  return toDbTime(new Date(from.getTime() + ms));
}
