import { type OrderInput, orderStatuses, parseOrder } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { mapWechatStatus } from './map-wechat-status.ts'
import { wechatDocumentOrder } from './wechat-document-order.ts'
import { wechatOrderStatuses } from './wechat-order-schema.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const unpaid = (status: OrderInput['status']) =>
  mapWechatStatus(parseOrder({ ...wechatDocumentOrder, status }))
const paid = (status: OrderInput['status']) =>
  mapWechatStatus(parseOrder({ ...wechatDocumentOrder, status, paidAmount: cny(1600) }))
const unpaidStatuses: readonly string[] = [
  'created',
  'awaiting_payment',
  'payment_failed',
  'cancelled_before_payment',
]
/** The mapping of an order in this status, paid unless the status says it is unpaid. */
const typical = (status: OrderInput['status']) =>
  unpaidStatuses.includes(status) ? unpaid(status) : paid(status)

describe('mapWechatStatus', () => {
  it('maps every canonical status, folding with a warning where WeChat is coarser', () => {
    const table = Object.fromEntries(
      orderStatuses.map((status) => {
        const mapping = typical(status)
        return [status, [mapping.status, mapping.warnings.map((warning) => warning.code).join()]]
      }),
    )
    expect(table).toEqual({
      created: [10, 'status_folded'],
      awaiting_payment: [10, ''],
      payment_failed: [10, 'status_folded'],
      paid: [20, ''],
      pending_acceptance: [20, 'status_folded'],
      accepted: [20, 'status_folded'],
      rejected: [20, 'status_not_reached'],
      preparing: [20, 'status_folded'],
      ready: [20, 'status_folded'],
      shipped: [30, ''],
      delivered: [100, 'status_folded'],
      completed: [100, ''],
      cancelled_before_payment: [250, ''],
      cancelled_after_payment: [20, 'status_not_reached'],
      refunding: [20, 'status_not_reached'],
      refunded: [20, 'status_not_reached'],
      voided: [20, 'status_not_reached'],
    })
  })

  it('cancels an unpaid order that was rejected or voided (250)', () => {
    expect([unpaid('rejected').status, unpaid('voided').status]).toEqual([250, 250])
  })

  it('says why a paid order that is cancelled stays at 20', () => {
    expect(paid('refunded').warnings).toEqual([
      {
        path: ['status'],
        code: 'status_not_reached',
        message:
          'refunded is reported as 20 (待发货): WeChat moves a paid order to 200 only through its after-sale endpoints (shop/ecaftersale/*), which ordersync does not call, and shop/order/pay cancels only unpaid orders',
      },
    ])
  })

  it('reaches every status the add, pay and delivery calls can set; 11 and 200 are WeChat’s own', () => {
    const reached = new Set(
      orderStatuses.flatMap((status) => [
        typical(status).status,
        ...(['rejected', 'voided'].includes(status) ? [unpaid(status).status] : []),
      ]),
    )
    expect(wechatOrderStatuses.filter((status) => !reached.has(status as never))).toEqual([11, 200])
  })
})
