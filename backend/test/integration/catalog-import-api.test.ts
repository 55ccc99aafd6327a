/**
 * Catalog > Import over HTTP: a Magento export uploaded as text/csv is planned (what will be created,
 * what the rows will do, nothing written), then run by its uploader (structure and products created,
 * audited), and discarded or refused when it should be.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { spoolDir } from '../../src/catalog/import/index';
import type { CatalogImportPlan, CatalogImportRun } from '../../src/catalog/imports.service';
import { toDbTime } from '../../src/db/time';
import { as, buildTestApp, type TestApp } from '../helpers/app';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const EXPORT = fs.readFileSync(path.join(ROOT, 'fixtures/magento-export/products.csv'), 'utf8');

const count = async (db: Knex, table: string) => Number((await db(table).count({ n: '*' }).first())?.n);

describe('catalog API: Catalog > Import (upload, plan, run)', function () {
  // A whole app on a fresh MySQL database takes a while to build on a busy machine.
  this.timeout(60_000);
  let t: TestApp;
  let admin: ReturnType<typeof as>;
  let manager: ReturnType<typeof as>;
  before(async () => {
    // A 1 MB limit, so a too-large upload is cheap to send.
    t = await buildTestApp({ config: { CATALOG_IMPORT_MAX_MB: '1' } });
    await t.db
      .knex('websites')
      .insert({ code: 'base', name: 'Main Website', base_currency: 'USD', is_default: true, created_at: toDbTime() });
    admin = as(t.app, t.adminCookie);
    manager = as(t.app, t.managerCookie);
  });
  after(async () => t.close());

  const upload = (who: ReturnType<typeof as>, csv: string, fileName = 'export.csv') =>
    who({ method: 'POST', url: `/api/catalog/imports?fileName=${fileName}`, headers: { 'content-type': 'text/csv' }, payload: csv });
  const run = (who: ReturnType<typeof as>, id: string) => who({ method: 'POST', url: `/api/catalog/imports/${id}/run` });

  it('plans an upload: what will be created and what the rows will do, with nothing written', async () => {
    // An upload a killed process left behind, three hours old: the next upload clears it away.
    const stale = path.join(await spoolDir(), 'left-behind-by-a-crash.csv');
    fs.writeFileSync(stale, 'sku\n');
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000);
    fs.utimesSync(stale, threeHoursAgo, threeHoursAgo);
    const res = await upload(manager, EXPORT);
    assert.equal(fs.existsSync(stale), false);
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json<CatalogImportPlan>();
    assert.match(plan.id, /^[0-9a-f]{32}$/);
    assert.equal(plan.fileName, 'export.csv');
    assert.equal(plan.bytes, Buffer.byteLength(EXPORT));
    assert.deepEqual([plan.rowsRead, plan.imported, plan.updated, plan.failed, plan.errors], [27, 27, 0, 0, []]);
    assert.deepEqual(
      plan.create.attributeSets.map((s) => s.name),
      ['Top', 'Bottom', 'Gear'],
    );
    const color = plan.create.attributes.find((a) => a.code === 'color');
    assert.deepEqual(color, {
      code: 'color',
      label: 'Color',
      type: 'select',
      scope: 'global',
      options: ['Black', 'Gray', 'Blue', 'Green', 'Red'],
      superAttribute: true,
    });
    assert.equal(plan.create.attributes.find((a) => a.code === 'activity')?.type, 'multiselect');
    for (const table of ['products', 'attributes', 'attribute_sets', 'sources']) assert.equal(await count(t.db.knex, table), 0, table);
    await manager({ method: 'DELETE', url: `/api/catalog/imports/${plan.id}` });
  });

  it('lists the rows that would fail, with their line, sku and reason', async () => {
    const csv =
      'sku,attribute_set_code,product_type,name,price,product_websites,additional_attributes\n' +
      'OK-1,Gear,simple,Good,5,base,color=Teal\n' +
      'BAD-1,Gear,simple,Bad price,abc,base,\n' +
      'BAD-2,Gear,simple,Bad site,5,nowhere,\n';
    const plan = (await upload(manager, csv)).json<CatalogImportPlan>();
    assert.deepEqual([plan.rowsRead, plan.imported, plan.failed], [3, 1, 2]);
    assert.deepEqual(plan.errors, [
      { row: 3, sku: 'BAD-1', reason: 'price: "abc" is not a number' },
      { row: 4, sku: 'BAD-2', reason: 'unknown website "nowhere" in product_websites' },
    ]);
    assert.deepEqual(
      plan.create.attributes.map((a) => [a.code, a.type]),
      [['color', 'text']],
    );
    assert.equal((await manager({ method: 'DELETE', url: `/api/catalog/imports/${plan.id}` })).statusCode, 204);
    assert.equal((await run(manager, plan.id)).statusCode, 404, 'a discarded upload is gone');
  });

  it('runs the upload: creates the structure and the products, audits both; a second upload of the file creates nothing', async () => {
    const plan = (await upload(manager, EXPORT)).json<CatalogImportPlan>();
    assert.equal((await run(admin, plan.id)).statusCode, 404, "another admin cannot run someone's upload");
    const res = await run(manager, plan.id);
    assert.equal(res.statusCode, 200, res.body);
    const result = res.json<CatalogImportRun>();
    assert.deepEqual([result.rowsRead, result.imported, result.updated, result.failed], [27, 27, 0, 0]);
    assert.deepEqual(result.created, plan.create);
    const db = t.db.knex;
    assert.equal(await count(db, 'products'), 27);
    assert.equal((await db('attributes').where({ code: 'size' }).first()).type, 'select');
    assert.equal(await count(db, 'product_relations'), 20);
    const audit = await db('audit_log')
      .where('action', 'like', 'catalog.import%')
      .orderBy('id')
      .select('action', 'user_email', 'entity_id');
    assert.deepEqual(
      audit.map((a) => [a.action, a.user_email, a.entity_id]),
      [
        ['catalog.import_structure', 'manager@example.com', 'export.csv'],
        ['catalog.import', 'manager@example.com', 'export.csv'],
      ],
    );
    assert.equal((await run(manager, plan.id)).statusCode, 404, 'an upload runs once');

    const again = (await upload(manager, EXPORT)).json<CatalogImportPlan>();
    assert.deepEqual(again.create, { attributeSets: [], attributes: [], options: [] });
    assert.deepEqual([again.imported, again.updated], [0, 27]);
    const second = (await run(manager, again.id)).json<CatalogImportRun>();
    assert.deepEqual([second.imported, second.updated, second.failed], [0, 27, 0]);
    assert.equal(await count(db, 'products'), 27);
  });

  it('refuses what is not a CSV upload: a JSON body, a file without a sku column, a file over the limit', async () => {
    const json = await manager({ method: 'POST', url: '/api/catalog/imports', payload: { sku: 'X' } });
    assert.equal(json.statusCode, 400);
    assert.match(json.json().error.message, /Content-Type: text\/csv/);
    const noSku = await upload(manager, 'name,price\nA,1\n');
    assert.equal(noSku.statusCode, 422);
    assert.match(noSku.json().error.message, /the header has no sku column/);
    const tooBig = `sku,name\n${'X,'.padEnd(1024 * 1024 + 10, 'y')}\n`;
    const declared = await upload(manager, tooBig);
    assert.equal(declared.statusCode, 413);
    assert.equal(declared.json().error.code, 'PAYLOAD_TOO_LARGE');
    // Sent as a stream, without a length up front: cut off once past the limit, nothing kept.
    const streamed = await manager({
      method: 'POST',
      url: '/api/catalog/imports',
      headers: { 'content-type': 'text/csv' },
      payload: Readable.from([tooBig.slice(0, 600_000), tooBig.slice(600_000)]),
    });
    assert.equal(streamed.statusCode, 413);
    const dir = await spoolDir();
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => fs.statSync(path.join(dir, f)).size > 1024 * 1024),
      [],
    );
  });
});
