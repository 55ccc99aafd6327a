/**
 * Sales > Orders: types derived from `schema/sales.ts`. The schemas inline the parts the admin reads (a page's
 * rows, a detail's items, invoices and history), so nothing has to be put back by hand.
 */
import type {
  salesOrderCommentBodySchema,
  salesOrderDetailSchema,
  salesOrderHistoryEntrySchema,
  salesOrderListQuerySchema,
  salesOrderPageSchema,
  salesOrderSchema,
  salesOrderViewFiltersSchema,
  salesOrderViewSchema,
} from '../../../schema/sales';
import type { FromSchema } from './from-schema';

export type { FulfillmentChannel, OrderEvent, OrderSort, OrderSource, OrderState } from '../../../schema/sales';

export type SalesOrder = FromSchema<typeof salesOrderSchema>;
export type SalesOrderPage = FromSchema<typeof salesOrderPageSchema>;
export type SalesOrderDetail = FromSchema<typeof salesOrderDetailSchema>;
export type SalesOrderItem = SalesOrderDetail['items'][number];
export type SalesOrderAddress = NonNullable<SalesOrderDetail['billingAddress']>;
export type SalesOrderTotals = SalesOrderDetail['totals'];
export type SalesOrderAmazonDetail = NonNullable<SalesOrderDetail['amazon']>;
export type SalesOrderInvoice = SalesOrderDetail['invoices'][number];
export type SalesOrderHistoryEntry = FromSchema<typeof salesOrderHistoryEntrySchema>;
export type SalesOrderCommentBody = FromSchema<typeof salesOrderCommentBodySchema>;
export type SalesOrderListQuery = FromSchema<typeof salesOrderListQuerySchema>;
export type SalesOrderViewFilters = FromSchema<typeof salesOrderViewFiltersSchema>;
export type SalesOrderView = FromSchema<typeof salesOrderViewSchema>;
