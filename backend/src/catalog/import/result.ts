/** What an import returns and takes, shared by the product and source-item imports. */
import type { Knex } from 'knex';
import type { ChangeLog } from '../changes';
import type { MissingStructure } from './missing-structure';
import type { StructurePlan } from './structure-plan';

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
  /** Products: what `createMissing` created before the rows (on a dry run: what it would create). */
  created?: StructurePlan;
  /** Products, without `createMissing`: the attribute sets, attributes and options failed rows needed. */
  missing?: MissingStructure;
  /** Products: nothing was written; `imported`/`updated`/`failed` say what a real run would do. */
  dryRun?: boolean;
}

export interface ImportOptions {
  /** Rows per transaction (500). */
  batchSize?: number;
  /** The app's change log (its `wake` event tells consumers); a fresh one on the same database otherwise. */
  changes?: ChangeLog;
  /** Called after each batch with the number of records read so far. */
  onProgress?: (rowsRead: number) => void;
  /**
   * Products: first create the attribute sets (from Default), attributes (typed from their values)
   * and options the file uses that the catalog lacks, in one transaction (the file is read twice).
   */
  createMissing?: boolean;
  /** Products: plan and check every row, write nothing. */
  dryRun?: boolean;
  /** Called inside the transaction that creates the planned structure (an audit record, say). */
  onStructureCreated?: (trx: Knex, created: StructurePlan) => Promise<void>;
}

/** knex prefixes driver errors with the whole SQL statement; the row report keeps the driver's reason. */
export function databaseReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const reason = message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message;
  return `could not be saved: ${reason.slice(0, 300)}`;
}
