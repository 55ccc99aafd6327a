/**
 * Streams a CSV file (or any readable stream) record by record with csv-parse, so a 100,000-row
 * catalog is never one string in memory. Yields each record keyed by the header, with the CSV line
 * where it starts (header = line 1; a quoted cell's line breaks count, CRLF is one break); a record
 * the parser cannot read, or with the wrong number of cells, is yielded as a problem instead.
 *
 * Quotes are read leniently (`relax_quotes`), as PHP's fgetcsv does for Magento: a stray quote inside
 * a cell is kept as text instead of throwing the parser off for the rest of the file.
 */
import fs from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';

/** The file cannot be read at all (missing, unreadable, no header, a required column missing). */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export type CsvSource = string | Readable;

export type CsvItem =
  | { kind: 'record'; line: number; record: Record<string, string> }
  | { kind: 'problem'; line: number; record: Record<string, string> | null; reason: string };

export interface CsvFile {
  header: string[];
  items: AsyncGenerator<CsvItem>;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Passes the bytes through and remembers where the line breaks are (CRLF, LF or CR), so a byte
 * offset from csv-parse (`info.bytes`, which counts bytes, not lines) becomes a line number. csv-parse's
 * own `info.lines` counts a CRLF as two lines. Also drops a UTF-8 BOM, so both count the same bytes.
 */
class LineIndex extends Transform {
  private readonly breaks: number[] = [];
  private head = 0;
  private passed = 0;
  private seen = 0;
  private lastWasCr = false;
  private first = true;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    if (this.first) {
      this.first = false;
      if (data.subarray(0, 3).equals(UTF8_BOM)) data = data.subarray(3);
    }
    for (let i = 0; i < data.length; i += 1) {
      const byte = data[i];
      if (byte === 0x0d) this.breaks.push(this.seen + i);
      else if (byte === 0x0a && !(i === 0 ? this.lastWasCr : data[i - 1] === 0x0d)) this.breaks.push(this.seen + i);
    }
    if (data.length) this.lastWasCr = data[data.length - 1] === 0x0d;
    this.seen += data.length;
    done(null, data);
  }

  /** Line number (1-based) of the byte at `offset`; offsets must not decrease between calls. */
  lineAt(offset: number): number {
    while (this.head < this.breaks.length && this.breaks[this.head]! < offset) {
      this.head += 1;
      this.passed += 1;
    }
    if (this.head > 10_000) {
      this.breaks.splice(0, this.head);
      this.head = 0;
    }
    return this.passed + 1;
  }
}

async function openSource(source: CsvSource): Promise<Readable> {
  if (typeof source !== 'string') return source;
  try {
    const stat = await fs.promises.stat(source);
    if (!stat.isFile()) throw new ImportFileError(`${source} is not a file`);
    await fs.promises.access(source, fs.constants.R_OK);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`cannot read ${source}: ${(error as Error).message}`);
  }
  return fs.createReadStream(source);
}

interface Parsed {
  record: string[];
  info: { bytes: number; records: number };
}

/** Opens the CSV and reads its header; `required` columns must be in it. */
export async function openCsv(source: CsvSource, required: string[]): Promise<CsvFile> {
  const input = await openSource(source);
  const lines = new LineIndex();
  const parser = parse({ info: true, relax_quotes: true, relax_column_count: true, skip_records_with_error: true });
  // Where the next record starts: right after the previous one (blank lines come as records of one empty cell).
  let nextStart = 0;
  // Records the parser gave up on, placed after the record they followed (`records` = how many came before).
  const unreadable: { after: number; bytes: number; reason: string }[] = [];
  parser.on('skip', (error: CsvError & { bytes?: number; records?: number }) => {
    unreadable.push({ after: error.records ?? 0, bytes: error.bytes ?? 0, reason: `unreadable CSV record: ${error.message}` });
  });
  input.on('error', (error) => parser.destroy(new ImportFileError(`cannot read the file: ${error.message}`)));
  input.pipe(lines).pipe(parser);
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<Parsed>;

  const next = async (): Promise<IteratorResult<Parsed>> => {
    try {
      return await iterator.next();
    } catch (error) {
      throw error instanceof ImportFileError ? error : new ImportFileError(`cannot read the file: ${(error as Error).message}`);
    }
  };
  const isBlank = (cells: string[]) => cells.length === 1 && cells[0]!.trim() === '';

  let first = await next();
  while (!first.done && isBlank(first.value.record)) first = await next();
  if (first.done) throw new ImportFileError('the file is empty (no header line)');
  nextStart = first.value.info.bytes;
  const header = first.value.record.map((c) => c.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) throw new ImportFileError(`the header has no ${missing.join(', ')} column (found: ${header.join(', ')})`);

  /** The unreadable records that came after the `upTo`-th record (their line is where they start). */
  function* unreadableUpTo(upTo: number): Generator<CsvItem> {
    while (unreadable.length && unreadable[0]!.after <= upTo) {
      const problem = unreadable.shift()!;
      yield { kind: 'problem', line: lines.lineAt(nextStart), record: null, reason: problem.reason };
      // Where the parser resumed is not reported exactly; the error's offset is the best estimate.
      nextStart = Math.max(nextStart, problem.bytes);
    }
  }

  async function* items(): AsyncGenerator<CsvItem> {
    yield* unreadableUpTo(first.value!.info.records);
    for (;;) {
      const result = await next();
      if (result.done) {
        yield* unreadableUpTo(Infinity);
        return;
      }
      const { record: cells, info } = result.value;
      const line = lines.lineAt(nextStart);
      nextStart = info.bytes;
      if (!isBlank(cells)) {
        const record: Record<string, string> = {};
        header.forEach((column, i) => (record[column] = cells[i] ?? ''));
        const extraCellsEmpty = cells.length > header.length && cells.slice(header.length).every((c) => c === '');
        if (cells.length !== header.length && !extraCellsEmpty) {
          yield { kind: 'problem', line, record, reason: `the record has ${cells.length} cells, the header has ${header.length}` };
        } else yield { kind: 'record', line, record };
      }
      yield* unreadableUpTo(info.records);
    }
  }
  return { header, items: items() };
}
