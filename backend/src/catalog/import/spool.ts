/**
 * Streams a readable (an upload, a CSV built in memory) into a private temporary file, so a pass
 * that must read a CSV twice (plan, then import) can reopen it without holding it in memory.
 * A size limit stops the copy as soon as it is passed and removes what was written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.floor(maxBytes / (1024 * 1024))} MB`);
    this.name = 'UploadTooLargeError';
  }
}

export interface SpooledFile {
  path: string;
  bytes: number;
  remove(): Promise<void>;
}

/** A folder only this user can read: uploads may hold a merchant's whole catalog. */
export async function spoolDir(): Promise<string> {
  const dir = path.join(os.tmpdir(), `asc-catalog-imports-${process.getuid?.() ?? 'user'}`);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

export async function spoolToFile(input: Readable, options: { maxBytes?: number } = {}): Promise<SpooledFile> {
  const file = path.join(await spoolDir(), `${Date.now()}-${randomBytes(8).toString('hex')}.csv`);
  let bytes = 0;
  const limit = options.maxBytes ?? Infinity;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      bytes += chunk.length;
      if (bytes > limit) done(new UploadTooLargeError(limit));
      else done(null, chunk);
    },
  });
  const remove = () => fs.promises.rm(file, { force: true });
  // The input is piped by hand, not through pipeline(): past the limit it is only let go, not
  // destroyed, so an HTTP request stays able to receive its 413 (Node discards the rest of the body).
  input.on('error', (error) => counter.destroy(error));
  input.pipe(counter);
  try {
    await pipeline(counter, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    input.unpipe(counter);
    await remove();
    throw error;
  }
  return { path: file, bytes, remove };
}
