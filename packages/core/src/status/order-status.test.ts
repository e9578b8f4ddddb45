import { describe, expect, it } from 'vitest'
import { afterSaleStatuses, afterSaleTypes } from './after-sale-status.ts'
import {
  isOrderStatus,
  type OrderStatus,
  orderStatuses,
  terminalOrderStatuses,
} from './order-status.ts'
import {
  checkOrderStatusTransition,
  orderStatusSteps,
  reachableOrderStatuses,
} from './order-status-transitions.ts'

/**
 * Every status of every platform document, and the canonical situation that expresses it. The
 * platform packages hold the real mapping tables; this one proves that the canonical model can
 * express each platform code, and keeps distinct codes distinct.
 */
interface Situation {
  readonly status: OrderStatus
  readonly hidden?: true
  readonly afterSale?: {
    readonly type?: (typeof afterSaleTypes)[number]
    readonly status: (typeof afterSaleStatuses)[number]
  }
}
const platformStatuses: Record<string, Record<string, Situation>> = {
  // Alipay+ "order/sync", "Extended fields": orderBizStatus (IN_DELIVERY, DELIVERED: DELIVERY only).
  alipayplus: {
    CREATED: { status: 'created' },
    WAIT_PAY: { status: 'awaiting_payment' },
    PAID: { status: 'paid' },
    PENDING: { status: 'pending_acceptance' },
    ACCEPTED: { status: 'accepted' },
    PREPARING: { status: 'preparing' },
    READY: { status: 'ready' },
    IN_DELIVERY: { status: 'shipped' },
    DELIVERED: { status: 'delivered' },
    COMPLETED: { status: 'completed' },
    CANCELLED: { status: 'cancelled_before_payment' },
    PAY_FAILED: { status: 'payment_failed' },
    REJECTED: { status: 'rejected' },
  },
  // Baidu "导入主订单信息", "CateID==1" table.
  'baidu CateID 1': {
    '1': { status: 'awaiting_payment' },
    '5': { status: 'paid' },
    '6': { status: 'shipped' },
    '100': { status: 'cancelled_after_payment' },
    '200': { status: 'completed' },
    '300': { status: 'completed', hidden: true },
  },
  // Baidu "导入主订单信息", "CateID==2" table.
  'baidu CateID 2': {
    '1': { status: 'awaiting_payment' },
    '2': { status: 'pending_acceptance' },
    '3': { status: 'preparing' },
    '4': { status: 'accepted' },
    '100': { status: 'cancelled_before_payment' },
    '200': { status: 'completed' },
    '300': { status: 'completed', hidden: true },
  },
  // Baidu "导入主订单信息", "Data.Ext.SubsOrder.Status" (after-sale SubStatus).
  'baidu SubStatus': {
    '400': { status: 'refunding', afterSale: { status: 'requested' } },
    '401': { status: 'refunding', afterSale: { status: 'processing' } },
    '402': { status: 'refunded', afterSale: { type: 'refund_only', status: 'succeeded' } },
    '403': { status: 'completed', afterSale: { type: 'exchange', status: 'succeeded' } },
    '404': { status: 'completed', afterSale: { status: 'closed' } },
    '407': { status: 'completed', afterSale: { status: 'rejected' } },
  },
  // WeChat "shop/order/add", "Enumeration - status".
  wechat: {
    '10': { status: 'awaiting_payment' },
    '11': { status: 'awaiting_payment' },
    '20': { status: 'paid' },
    '30': { status: 'shipped' },
    '100': { status: 'completed' },
    '200': { status: 'refunded' },
    '250': { status: 'cancelled_before_payment' },
  },
  // Youshu add_order, order_status and FAQ; the order update page for 1280/1290.
  youshu: {
    '1110': { status: 'awaiting_payment' },
    '1130': { status: 'cancelled_before_payment' },
    '1140': { status: 'cancelled_after_payment' },
    '1150': { status: 'paid' },
    '1160': { status: 'shipped' },
    '1180': { status: 'completed' },
    '1280': { status: 'refunding' },
    '1290': { status: 'refunded' },
    '2150': { status: 'voided' },
  },
  // Wixtar "Upload Order Details", current_state.
  wixtar: {
    COMPLETED: { status: 'completed' },
    CANCELLED: { status: 'cancelled_after_payment' },
  },
}

describe('order status', () => {
  it.each(Object.entries(platformStatuses))(
    'expresses every %s status canonically',
    (_platform, table) => {
      for (const situation of Object.values(table)) {
        expect(isOrderStatus(situation.status)).toBe(true)
        if (situation.afterSale) {
          expect(afterSaleStatuses).toContain(situation.afterSale.status)
          if (situation.afterSale.type) expect(afterSaleTypes).toContain(situation.afterSale.type)
        }
      }
      // Distinct codes of one platform are distinct canonical situations, except where a platform
      // itself names two codes for one situation (WeChat 11: "treated equally to 10").
      const situations = Object.entries(table).filter(
        ([code]) => !(_platform === 'wechat' && code === '11'),
      )
      const keys = situations.map(([, situation]) => JSON.stringify(situation))
      expect(new Set(keys).size).toBe(keys.length)
    },
  )

  it('keeps Youshu 1130 and 1140 apart: cancelled before and after payment are two statuses', () => {
    expect(platformStatuses.youshu?.['1130']?.status).toBe('cancelled_before_payment')
    expect(platformStatuses.youshu?.['1140']?.status).toBe('cancelled_after_payment')
    expect(checkOrderStatusTransition('awaiting_payment', 'cancelled_before_payment')).toEqual({
      allowed: true,
    })
    expect(checkOrderStatusTransition('paid', 'cancelled_after_payment')).toEqual({ allowed: true })
    expect(checkOrderStatusTransition('paid', 'cancelled_before_payment', { paid: true })).toEqual({
      allowed: false,
      reason: 'the order was paid: use cancelled_after_payment',
    })
    expect(
      checkOrderStatusTransition('awaiting_payment', 'cancelled_after_payment', { paid: false }),
    ).toEqual({
      allowed: false,
      reason: 'nothing was paid: use cancelled_before_payment',
    })
  })

  it('uses every canonical status in some platform table', () => {
    const used = new Set(
      Object.values(platformStatuses).flatMap((table) => Object.values(table).map((s) => s.status)),
    )
    expect([...orderStatuses].filter((status) => !used.has(status))).toEqual([])
  })
})

describe('checkOrderStatusTransition', () => {
  it('allows re-sending a status and skipping forward (Alipay+: CREATED straight to COMPLETED)', () => {
    expect(checkOrderStatusTransition('paid', 'paid')).toEqual({ allowed: true })
    expect(checkOrderStatusTransition('created', 'completed')).toEqual({ allowed: true })
    expect(checkOrderStatusTransition('awaiting_payment', 'delivered')).toEqual({ allowed: true })
    expect(checkOrderStatusTransition('completed', 'refunded')).toEqual({ allowed: true })
    expect(checkOrderStatusTransition('payment_failed', 'awaiting_payment')).toEqual({
      allowed: true,
    })
  })

  it('refuses moving backwards and out of final statuses, saying why', () => {
    expect(checkOrderStatusTransition('completed', 'paid')).toEqual({
      allowed: false,
      reason: 'paid does not follow completed',
    })
    expect(checkOrderStatusTransition('shipped', 'awaiting_payment')).toEqual({
      allowed: false,
      reason:
        'awaiting_payment does not follow shipped: payment cannot be undone by a status; report a refund instead',
    })
    expect(checkOrderStatusTransition('shipped', 'cancelled_before_payment')).toEqual({
      allowed: false,
      reason:
        'cancelled_before_payment does not follow shipped: once an order is paid or on its way, report cancelled_after_payment, refunding or refunded',
    })
    expect(checkOrderStatusTransition('delivered', 'cancelled_after_payment')).toEqual({
      allowed: false,
      reason:
        'cancelled_after_payment does not follow delivered: fulfilment has started — report refunding or refunded instead',
    })
    for (const status of terminalOrderStatuses) {
      expect(checkOrderStatusTransition(status, 'completed')).toEqual({
        allowed: false,
        reason: `${status} is final: no status follows it`,
      })
    }
  })

  it('has steps for every status, final statuses have none, and every status is reachable from created', () => {
    expect(Object.keys(orderStatusSteps).sort()).toEqual([...orderStatuses].sort())
    for (const status of terminalOrderStatuses) expect(orderStatusSteps[status]).toEqual([])
    const fromCreated = reachableOrderStatuses('created')
    expect(
      orderStatuses.filter((status) => status !== 'created' && !fromCreated.has(status)),
    ).toEqual([])
  })
})
