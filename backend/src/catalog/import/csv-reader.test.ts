import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { openCsv, type CsvItem } from './csv-reader';

async function read(text: string, required: string[] = ['sku']): Promise<{ header: string[]; items: CsvItem[] }> {
  const file = await openCsv(Readable.from([text]), required);
  const items: CsvItem[] = [];
  for await (const item of file.items) items.push(item);
  return { header: file.header, items };
}

const summary = (items: CsvItem[]) => items.map((i) => (i.kind === 'record' ? [i.line, i.record.sku] : [i.line, i.reason]));

describe('CSV reader', () => {
  it('numbers records by the line they start on, counting the lines of quoted cells', async () => {
    const { header, items } = await read('\uFEFFsku,description\r\nA,"one\r\ntwo\r\nthree"\r\n\r\nB,plain\r\nC,"x\ny"\r\nD,last');
    assert.deepEqual(header, ['sku', 'description']);
    assert.deepEqual(summary(items), [
      [2, 'A'],
      [6, 'B'],
      [7, 'C'],
      [9, 'D'],
    ]);
    assert.equal(items[0]!.kind === 'record' && items[0]!.record.description, 'one\r\ntwo\r\nthree');
  });

  it('reports a record with the wrong number of cells and goes on', async () => {
    const { items } = await read('sku,name,price\nA,Alpha,1\nB,Beta\nC,Gamma,3,\n');
    assert.deepEqual(summary(items), [
      [2, 'A'],
      [3, 'the record has 2 cells, the header has 3'],
      // A trailing empty cell (a common export artefact) is not an error.
      [4, 'C'],
    ]);
  });

  it('reads stray quotes leniently, as Magento does, and reports an unclosed quote at the end', async () => {
    const { items } = await read('sku,name\nA,"Al"pha\nB,12" Vinyl\nC,"never closed\n');
    assert.deepEqual(summary(items).slice(0, 2), [
      [2, 'A'],
      [3, 'B'],
    ]);
    assert.equal(items[2]!.line, 4);
    assert.match((items[2] as { reason: string }).reason, /^unreadable CSV record: Quote Not Closed/);
    assert.equal(items[1]!.kind === 'record' && items[1]!.record.name, '12" Vinyl');
  });

  it('refuses a file without a header or without a required column', async () => {
    await assert.rejects(read(''), /the file is empty/);
    await assert.rejects(read('name,price\nA,1\n'), /the header has no sku column \(found: name, price\)/);
  });
});
