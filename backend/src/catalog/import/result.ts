/** What an import returns and takes, shared by the product and source-item imports. */
import type { ChangeLog } from '../changes';

export interface RowError {
  /** CSV line where the record starts (header = line 1). */
  row: number;
  sku: string;
  reason: string;
}

export interface ImportResult {
  /** New products (or source items). */
  imported: number;
  /** Existing products (or source items) the file changed. */
  updated: number;
  /** Rows that were not imported; each is in `errors`. */
  failed: number;
  errors: RowError[];
}

export interface ImportOptions {
  /** Rows per transaction (500). */
  batchSize?: number;
  /** The app's change log (its `wake` event tells consumers); a fresh one on the same database otherwise. */
  changes?: ChangeLog;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (rowsRead: number) => void;
}

/** knex prefixes driver errors with the whole SQL statement; the row report keeps the driver's reason. */
export function databaseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message;
  return `could not be saved: ${reason.slice(0, 300)}`;
}
