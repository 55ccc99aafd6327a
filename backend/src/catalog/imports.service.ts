/**
 * Catalog > Import (`app.catalog.imports`): an admin uploads a Magento product CSV and sees the plan —
 * the attribute sets, attributes and options the import will create, and what its rows will do —
 * then runs it. The upload is streamed into a private temporary file (never held in memory) and
 * kept for an hour for its uploader to run; both passes stream it, as the CLI does.
 *
 * Uploads live in this process: a restart forgets them, and the admin uploads the file again.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { AuditActor, AuditLog } from '../audit/index';
import { AppError, conflict, notFound } from '../platform/errors';
import type { ChangeLog } from './changes';
import {
  ImportFileError,
  UploadTooLargeError,
  importProductsCsv,
  isEmptyPlan,
  spoolDir,
  spoolToFile,
  type ImportResult,
  type SpooledFile,
  type StructurePlan,
} from './import/index';

const KEEP_UPLOAD_MS = 60 * 60 * 1000;
/** Rows listed in a response; the counts cover them all. */
const ERRORS_SHOWN = 200;

interface PendingImport {
  file: SpooledFile;
  fileName: string;
  adminId: number | null;
  expiresAt: Date;
  running: boolean;
}

interface RowCounts {
  rowsRead: number;
  imported: number;
  updated: number;
  failed: number;
  errors: ImportResult['errors'];
}

export interface CatalogImportPlan extends RowCounts {
  id: string;
  fileName: string;
  bytes: number;
  expiresAt: string;
  create: StructurePlan;
}

export interface CatalogImportRun extends RowCounts {
  fileName: string;
  created: StructurePlan;
}

const EMPTY_PLAN: StructurePlan = { attributeSets: [], attributes: [], options: [] };
const adminIdOf = (actor: AuditActor) => actor.admin?.id ?? actor.user?.id ?? null;

function counts(result: ImportResult, rowsRead: number): RowCounts {
  return {
    rowsRead,
    imported: result.imported,
    updated: result.updated,
    failed: result.failed,
    errors: result.errors.slice(0, ERRORS_SHOWN),
  };
}

export class CatalogImportService {
  private readonly pending = new Map<string, PendingImport>();

  constructor(
    private readonly db: Knex,
    private readonly audit: AuditLog,
    private readonly changes: ChangeLog,
    /** CATALOG_IMPORT_MAX_MB: larger catalogs go through `npm run catalog:import`, which reads the file where it lies. */
    readonly maxBytes: number,
  ) {}

  /** Stores the upload and plans it: a dry run that writes nothing. */
  async plan(actor: AuditActor, body: Readable, options: { fileName: string; declaredBytes?: number }): Promise<CatalogImportPlan> {
    await this.sweep();
    // A declared size over the limit is refused before a byte is stored; a chunked upload is cut off at it.
    if (options.declaredBytes !== undefined && options.declaredBytes > this.maxBytes) throw tooLarge(this.maxBytes);
    let file: SpooledFile;
    try {
      file = await spoolToFile(body, { maxBytes: this.maxBytes });
    } catch (error) {
      if (error instanceof UploadTooLargeError) throw tooLarge(this.maxBytes);
      throw error;
    }
    let rowsRead = 0;
    let result: ImportResult;
    try {
      result = await importProductsCsv(this.db, file.path, { dryRun: true, onProgress: (n) => (rowsRead = n) });
    } catch (error) {
      await file.remove();
      if (error instanceof ImportFileError) throw new AppError('UNPROCESSABLE', `The file cannot be imported: ${error.message}`);
      throw error;
    }
    const id = randomBytes(16).toString('hex');
    const expiresAt = new Date(Date.now() + KEEP_UPLOAD_MS);
    this.pending.set(id, { file, fileName: options.fileName, adminId: adminIdOf(actor), expiresAt, running: false });
    return {
      id,
      fileName: options.fileName,
      bytes: file.bytes,
      expiresAt: expiresAt.toISOString(),
      create: result.created ?? EMPTY_PLAN,
      ...counts(result, rowsRead),
    };
  }

  /**
   * Creates what the file lacks (planned again now: the catalog may have changed since the upload),
   * in one transaction with its audit record, then imports the rows. `mayCreateStructure` is the
   * admin's attributes.write: without it, an import that needs new structure is refused whole.
   */
  async run(actor: AuditActor, id: string, options: { mayCreateStructure: boolean }): Promise<CatalogImportRun> {
    const upload = this.uploadOf(actor, id);
    if (upload.running) throw conflict('This import is already running');
    upload.running = true;
    let rowsRead = 0;
    try {
      const result = await importProductsCsv(this.db, upload.file.path, {
        createMissing: true,
        changes: this.changes,
        onProgress: (n) => (rowsRead = n),
        onStructureCreated: async (trx, created) => {
          if (isEmptyPlan(created)) return;
          if (!options.mayCreateStructure) {
            throw new AppError(
              'FORBIDDEN',
              'This file needs new attribute sets, attributes or options, and your role may not create them (it needs the "attributes.write" permission).',
              { permission: 'attributes.write' },
            );
          }
          await this.audit.record(
            actor,
            { action: 'catalog.import_structure', entityType: 'catalog', entityId: upload.fileName, details: created },
            trx,
          );
        },
      });
      await this.audit.record(actor, {
        action: 'catalog.import',
        entityType: 'catalog',
        entityId: upload.fileName,
        details: { rowsRead, imported: result.imported, updated: result.updated, failed: result.failed },
      });
      await this.discardUpload(id);
      return { fileName: upload.fileName, created: result.created ?? EMPTY_PLAN, ...counts(result, rowsRead) };
    } finally {
      upload.running = false;
    }
  }

  async discard(actor: AuditActor, id: string): Promise<void> {
    const upload = this.uploadOf(actor, id);
    if (upload.running) throw conflict('This import is running');
    await this.discardUpload(id);
  }

  /** Removes every stored upload (the app is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.discardUpload(id)));
  }

  /** An upload is its uploader's alone: for anyone else it does not exist. */
  private uploadOf(actor: AuditActor, id: string): PendingImport {
    const upload = this.pending.get(id);
    if (!upload || upload.adminId !== adminIdOf(actor) || upload.expiresAt.getTime() <= Date.now()) {
      throw notFound('Uploaded import', id);
    }
    return upload;
  }

  private async discardUpload(id: string): Promise<void> {
    const upload = this.pending.get(id);
    this.pending.delete(id);
    await upload?.file.remove();
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    const expired = [...this.pending].filter(([, u]) => !u.running && u.expiresAt.getTime() <= now).map(([id]) => id);
    await Promise.all(expired.map((id) => this.discardUpload(id)));
    // Files a killed process left behind (its uploads were forgotten with it), once well past any use.
    const dir = await spoolDir();
    const kept = new Set([...this.pending.values()].map((u) => u.file.path));
    for (const name of await fs.promises.readdir(dir)) {
      const file = path.join(dir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && !kept.has(file) && now - stat.mtimeMs > 2 * KEEP_UPLOAD_MS) await fs.promises.rm(file, { force: true });
    }
  }
}

const tooLarge = (maxBytes: number) =>
  new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${maxBytes / (1024 * 1024)} MB; import it with npm run catalog:import on the server.`,
    { maxBytes },
  );
