/**
 * A store card's Amazon sales (the sales domain answers them; `schema/stores.ts` spreads these into Store). Inlined,
 * not `$ref`s, so the admin's derived types see them.
 */
const str = { type: 'string' } as const;

const salesFigures = {
  type: 'object',
  required: ['orders', 'units', 'revenue'],
  properties: {
    orders: { type: 'integer' },
    units: { type: 'number', description: 'Quantity ordered' },
    revenue: { type: 'number', description: 'Grand totals, in the store’s currency' },
  },
} as const;

export const storeSalesProperties = {
  sales30d: {
    type: 'object',
    required: ['currency', 'total', 'orders', 'series'],
    description:
      'The 30-day chart: revenue and orders per UTC day of Amazon’s purchase date, today last (30 entries; canceled orders left out).',
    properties: {
      currency: str,
      total: { type: 'number' },
      orders: { type: 'integer' },
      series: {
        type: 'array',
        items: {
          type: 'object',
          required: ['date', 'amount', 'orders'],
          properties: {
            date: { type: 'string', description: 'YYYY-MM-DD (UTC)' },
            amount: { type: 'number' },
            orders: { type: 'integer' },
          },
        },
      },
    },
  },
  ordersNeedingAttention: {
    type: 'integer',
    description: 'Amazon orders kept in the orders workbench (Sales > Amazon orders needing attention)',
  },
  sales: {
    type: 'object',
    required: ['currency', 'timeZone', 'last7Days', 'last30Days', 'lifetime'],
    description:
      'Imported Amazon orders of this store (canceled left out): the last 7 and 30 days are UTC calendar days ending today; revenue is the orders’ grand total in the store’s currency.',
    properties: {
      currency: str,
      timeZone: { type: 'string', enum: ['UTC'] },
      last7Days: salesFigures,
      last30Days: salesFigures,
      lifetime: salesFigures,
    },
  },
  recentOrders: {
    type: 'array',
    description: 'The 5 most recent Amazon orders of the store (by purchase date), canceled left out',
    items: {
      type: 'object',
      required: ['id', 'incrementId', 'amazonOrderId', 'purchasedAt', 'status', 'grandTotal', 'currency'],
      properties: {
        id: { type: 'integer', description: 'The sales order (Sales > Orders: /sales/orders/:id)' },
        incrementId: str,
        amazonOrderId: str,
        purchasedAt: str,
        status: str,
        grandTotal: { type: 'number' },
        currency: str,
      },
    },
  },
} as const;
