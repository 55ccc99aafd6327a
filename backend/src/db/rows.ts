/** Small converters between engine-neutral column values and the shapes the code wants. */

/** Both engines return booleans as 0/1. */
export function bool(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

/** DECIMAL(12,4) comes back as a number (MySQL with decimalNumbers) or SQLite NUMERIC; keep 4 places. */
export function decimal(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Math.round(n * 10000) / 10000;
}

export function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** SQLite allows ~32k bound variables per statement; MySQL 65k. Chunk bulk writes well below both. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
