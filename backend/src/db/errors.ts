/**
 * Reading the engines' errors alike: SQLite says "UNIQUE constraint failed", MySQL/MariaDB "Duplicate entry"
 * (ER_DUP_ENTRY). Both leave the transaction open after the failed statement, so a caller may answer the
 * duplicate and carry on (or roll back to its savepoint).
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (e?.code === 'ER_DUP_ENTRY' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
  return /UNIQUE constraint failed|Duplicate entry|ER_DUP_ENTRY/i.test(String(e?.message ?? ''));
}
