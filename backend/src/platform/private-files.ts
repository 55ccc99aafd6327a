/**
 * Files the service keeps on disk (the SQLite database and its -wal/-shm/-journal, the generated
 * encryption key) hold every secret and token at rest: they are created readable by the service's
 * own user only (files 0600, folders 0700), and ones an earlier version left looser are tightened at
 * start — with a report line, so the operator learns their files were readable by others.
 *
 * A folder is tightened only when it is the service's own (./data, or the folder handed in for the
 * key): a database placed elsewhere (/srv/…, a home folder, /tmp) keeps its folder's mode, and is
 * protected by its own.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The service's own folder: the generated key and, by default, the SQLite database. */
export const DATA_DIR = './data';

/** Says what was changed (or could not be): a warning in the service's log. */
export type Report = (line: string) => void;

const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Removes group and other access from an existing path; reports what it did. */
function tighten(target: string, wanted: number, report?: Report): void {
  let mode: number;
  try {
    mode = fs.statSync(target).mode & 0o777;
  } catch {
    return; // not there (yet): nothing to tighten
  }
  if ((mode & 0o077) === 0) return;
  const next = mode & wanted;
  try {
    fs.chmodSync(target, next);
    report?.(`${target} was readable by other users (mode ${octal(mode)}): tightened to ${octal(next)}`);
  } catch (error) {
    report?.(`${target} is readable by other users (mode ${octal(mode)}) and could not be tightened: ${(error as Error).message}`);
  }
}

/** Creates the folder 0700 when missing (parents too); tightens an existing one when it is ours. */
export function ensurePrivateDir(dir: string, options: { tightenExisting: boolean; report?: Report }): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
    return;
  }
  if (options.tightenExisting) tighten(dir, PRIVATE_DIR, options.report);
}

/** Tightens an existing file to at most 0600. */
export function tightenFile(file: string, report?: Report): void {
  tighten(file, PRIVATE_FILE, report);
}

/** Writes a new file 0600 (its content is a secret from the first byte). */
export function writePrivateFile(file: string, content: string): void {
  fs.writeFileSync(file, content, { mode: PRIVATE_FILE, flag: 'wx' });
}

export const isDataDir = (dir: string) => path.resolve(dir) === path.resolve(DATA_DIR);

/**
 * Before SQLite opens `file`: its folder, the database created empty 0600 when missing (SQLite gives
 * its -wal, -shm and -journal files the database's mode), and leftovers tightened.
 */
export function prepareSqliteFile(file: string, report?: Report): void {
  const dir = path.dirname(path.resolve(file));
  ensurePrivateDir(dir, { tightenExisting: isDataDir(dir), ...(report ? { report } : {}) });
  // 'a' creates the file when missing and leaves an existing one as it is.
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) tightenFile(f, report);
}
