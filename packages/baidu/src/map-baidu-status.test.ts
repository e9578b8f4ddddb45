import { type OrderInput, orderStatuses, parseOrder } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { baiduDocumentOrder } from './baidu-document-order.ts'
import { baiduOrderStatusesByCategory } from './baidu-order-schema.ts'
import {
  mapBaiduAfterSaleStatus,
  mapBaiduAfterSaleType,
  mapBaiduStatus,
  summarizeBaiduAfterSaleStatus,
} from './map-baidu-status.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const unpaid: OrderInput = {
  ...baiduDocumentOrder,
  paidAmount: cny(0),
  payments: [],
  afterSales: [],
}
const unpaidStatuses = ['created', 'awaiting_payment', 'payment_failed', 'cancelled_before_payment']

function table(category: 1 | 2) {
  return Object.fromEntries(
    orderStatuses.map((status) => {
      const order = parseOrder({
        ...(unpaidStatuses.includes(status) ? unpaid : baiduDocumentOrder),
        status,
      })
      const mapping = mapBaiduStatus(order, category)
      return [status, `${mapping.status}${mapping.warnings.length > 0 ? ' (folded)' : ''}`]
    }),
  )
}

describe('mapBaiduStatus', () => {
  it('maps every canonical status for physical goods (CateID 1), warning where Baidu is coarser', () => {
    expect(table(1)).toEqual({
      created: '1 (folded)',
      awaiting_payment: '1',
      payment_failed: '1 (folded)',
      paid: '5',
      pending_acceptance: '5 (folded)',
      accepted: '5 (folded)',
      rejected: '100 (folded)',
      preparing: '5 (folded)',
      ready: '5 (folded)',
      shipped: '6',
      delivered: '6 (folded)',
      completed: '200',
      cancelled_before_payment: '100',
      cancelled_after_payment: '100',
      refunding: '200 (folded)',
      refunded: '100 (folded)',
      voided: '100 (folded)',
    })
  })

  it('maps every canonical status for virtual goods (CateID 2)', () => {
    expect(table(2)).toEqual({
      created: '1 (folded)',
      awaiting_payment: '1',
      payment_failed: '1 (folded)',
      paid: '2 (folded)',
      pending_acceptance: '2',
      accepted: '4',
      rejected: '100 (folded)',
      preparing: '3',
      ready: '4 (folded)',
      shipped: '4 (folded)',
      delivered: '4 (folded)',
      completed: '200',
      cancelled_before_payment: '100',
      cancelled_after_payment: '100',
      refunding: '200 (folded)',
      refunded: '100 (folded)',
      voided: '100 (folded)',
    })
  })

  it('reaches every Baidu status of both tables, 300 through the hidden flag', () => {
    for (const category of [1, 2] as const) {
      const reached = new Set(
        Object.values(table(category)).map((entry) => Number.parseInt(entry, 10)),
      )
      const hidden = mapBaiduStatus(parseOrder({ ...baiduDocumentOrder, hidden: true }), category)
      reached.add(hidden.status)
      expect([...reached].sort((a, b) => a - b)).toEqual([
        ...baiduOrderStatusesByCategory[category],
      ])
    }
  })

  it('reports a hidden order as 300 whatever its status, saying which status is not reported', () => {
    expect(mapBaiduStatus(parseOrder({ ...baiduDocumentOrder, hidden: true }), 1)).toEqual({
      status: 300,
      warnings: [
        {
          path: ['status'],
          code: 'status_folded',
          message:
            'completed is not reported: a hidden order is Status 300 (隐藏), which replaces its status',
        },
      ],
    })
  })
})

describe('after-sale statuses', () => {
  it('maps each after-sale status and type as the 退换货枚举值 table says', () => {
    const statuses = (['requested', 'processing', 'succeeded', 'closed', 'rejected'] as const).map(
      (status) => [
        mapBaiduAfterSaleStatus({ status, type: 'refund_only' }),
        mapBaiduAfterSaleStatus({ status, type: 'exchange' }),
        mapBaiduAfterSaleStatus({ status, type: 'return_and_refund' }),
      ],
    )
    expect(statuses).toEqual([
      [400, 400, 400],
      [401, 401, 401],
      [402, 403, 402],
      [404, 404, 404],
      [407, 407, 407],
    ])
    expect(
      (['refund_only', 'exchange', 'return_and_refund'] as const).map(mapBaiduAfterSaleType),
    ).toEqual([1, 2, 3])
  })

  it('summarises: an open request wins (400 before 401), then a finished one (402 before 403), else the last modified', () => {
    const at = (status: 400 | 401 | 402 | 403 | 404 | 407, modifiedAt: number) => ({
      status,
      modifiedAt,
    })
    expect(summarizeBaiduAfterSaleStatus([at(402, 1), at(401, 2), at(400, 0)])).toBe(400)
    expect(summarizeBaiduAfterSaleStatus([at(402, 1), at(401, 2)])).toBe(401)
    expect(summarizeBaiduAfterSaleStatus([at(403, 3), at(402, 1), at(404, 5)])).toBe(402)
    expect(summarizeBaiduAfterSaleStatus([at(403, 3), at(407, 5)])).toBe(403)
    expect(summarizeBaiduAfterSaleStatus([at(404, 3), at(407, 5)])).toBe(407)
    expect(summarizeBaiduAfterSaleStatus([at(407, 5), at(404, 6)])).toBe(404)
  })
})
