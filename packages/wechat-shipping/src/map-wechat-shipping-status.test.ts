import { type OrderType, orderStatuses, UnsupportedMappingError } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import {
  mapWechatShippingStatus,
  wechatShippingOrderStates,
  wechatShippingStatusTable,
} from './map-wechat-shipping-status.ts'
import { WechatShippingNotReportableError } from './wechat-shipping-not-reportable-error.ts'

// Every order type, kept complete by the compiler (a Record needs every key).
const typeSet: Record<OrderType, true> = {
  pickup: true,
  dine_in: true,
  delivery: true,
  shipping: true,
  virtual: true,
}
const orderTypes = Object.keys(typeSet) as OrderType[]

/** What mapping `status` of an order of `type` gives: the mapping, or the kind of error. */
function outcome(status: (typeof orderStatuses)[number], type: OrderType): string {
  try {
    const mapping = mapWechatShippingStatus(status, type)
    return mapping.whenShipped ? 'if shipped' : 'upload'
  } catch (error) {
    if (WechatShippingNotReportableError.isInstance(error)) return 'not yet'
    if (UnsupportedMappingError.isInstance(error)) return 'nothing to ship'
    throw error
  }
}

describe('mapWechatShippingStatus', () => {
  it('gives every canonical status an action, for every order type', () => {
    const table = Object.fromEntries(
      orderStatuses.map((status) => [
        status,
        orderTypes.map((type) => outcome(status, type)).join(' / '),
      ]),
    )
    expect(orderTypes).toEqual(['pickup', 'dine_in', 'delivery', 'shipping', 'virtual'])
    expect(table).toEqual({
      created: 'not yet / not yet / not yet / not yet / not yet',
      awaiting_payment: 'not yet / not yet / not yet / not yet / not yet',
      payment_failed: 'not yet / not yet / not yet / not yet / not yet',
      paid: 'if shipped / if shipped / if shipped / if shipped / if shipped',
      pending_acceptance: 'if shipped / if shipped / if shipped / if shipped / if shipped',
      accepted: 'if shipped / if shipped / if shipped / if shipped / if shipped',
      preparing: 'if shipped / if shipped / if shipped / if shipped / if shipped',
      // Ready to collect is a pick-up's shipping.
      ready: 'upload / upload / if shipped / if shipped / if shipped',
      shipped: 'upload / upload / upload / upload / upload',
      delivered: 'upload / upload / upload / upload / upload',
      completed: 'upload / upload / upload / upload / upload',
      refunding: 'if shipped / if shipped / if shipped / if shipped / if shipped',
      rejected:
        'nothing to ship / nothing to ship / nothing to ship / nothing to ship / nothing to ship',
      cancelled_before_payment:
        'nothing to ship / nothing to ship / nothing to ship / nothing to ship / nothing to ship',
      cancelled_after_payment:
        'nothing to ship / nothing to ship / nothing to ship / nothing to ship / nothing to ship',
      refunded:
        'nothing to ship / nothing to ship / nothing to ship / nothing to ship / nothing to ship',
      voided:
        'nothing to ship / nothing to ship / nothing to ship / nothing to ship / nothing to ship',
    })
    expect(Object.keys(wechatShippingStatusTable).sort()).toEqual([...orderStatuses].sort())
  })

  it('says which statuses mean everything has left, and that WeChat then holds the payment in state 2 (已发货)', () => {
    expect(mapWechatShippingStatus('shipped', 'shipping')).toEqual({
      whenShipped: false,
      allShipped: true,
      orderState: 2,
    })
    expect(mapWechatShippingStatus('preparing', 'shipping').allShipped).toBe(false)
    expect(mapWechatShippingStatus('refunding', 'shipping').allShipped).toBe(true)
    expect(wechatShippingOrderStates[2]).toBe('已发货 — shipped')
  })

  it('explains why: not paid, not shipped, nothing to ship', () => {
    expect(() => mapWechatShippingStatus('awaiting_payment', 'shipping')).toThrow(
      'status: is awaiting_payment: it is not paid yet, so there is no shipping to report to WeChat yet — nothing was sent; sync the order again once it has shipped',
    )
    expect(() => mapWechatShippingStatus('refunded', 'shipping')).toThrow(
      'status: is refunded: there is no shipping to report (a refund or cancellation reaches WeChat through WeChat Pay itself), so nothing was sent',
    )
  })
})
