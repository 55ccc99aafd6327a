/**
 * A store's Communication Log as the admin reads it: the calls `spapi/` recorded for the store (through
 * `app.spapi`, which owns the table), paged and filtered, one call, and the operations to filter by.
 * Only the store's own calls: LWA calls and other stores' calls with the same seller stay out.
 */
import type { Knex } from 'knex';
import type { Page } from '../../../schema/common';
import type { ApiCallPageFilter, ApiCallRow, SpApiGateway } from '../spapi/index';
import { notFound } from '../platform/errors';
import { storeById } from './stores.queries';

export type CommunicationLogQuery = Omit<ApiCallPageFilter, 'storeId'>;

export class CommunicationLogService {
  constructor(
    private readonly db: Knex,
    private readonly spapi: Pick<SpApiGateway, 'pageCalls' | 'storeCall' | 'storeOperations'>,
  ) {}

  async page(storeId: number, query: CommunicationLogQuery): Promise<Page<ApiCallRow>> {
    await this.existing(storeId);
    const { rows, total } = await this.spapi.pageCalls({ ...query, storeId });
    return { items: rows, total, page: query.page, pageSize: query.pageSize };
  }

  async call(storeId: number, id: number): Promise<ApiCallRow> {
    await this.existing(storeId);
    const call = await this.spapi.storeCall(storeId, id);
    if (!call) throw notFound('Amazon call', id);
    return call;
  }

  async operations(storeId: number): Promise<{ operations: string[] }> {
    await this.existing(storeId);
    return { operations: await this.spapi.storeOperations(storeId) };
  }

  private async existing(storeId: number): Promise<void> {
    if (!(await storeById(this.db, storeId))) throw notFound('Store', storeId);
  }
}
