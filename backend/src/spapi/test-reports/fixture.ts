/**
 * Reads a report fixture (fixtures/amazon-reports: bytes as Amazon sends them) and decodes it as the
 * download would: by the declared charset, or by the marketplace's when none is declared.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../fixtures/amazon-reports');

export const reportBytes = (name: string): Buffer => readFileSync(path.join(DIR, name));
export const decodedReport = (name: string, charset: string): string => iconv.decode(reportBytes(name), charset);
