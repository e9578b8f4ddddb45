import { type OrderInput, type OrderStatus, orderStatuses, parseOrder } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { mapYoushuStatus } from './map-youshu-status.ts'
import { youshuFaqOrder } from './youshu-document-order.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const unpaid: OrderInput = { ...youshuFaqOrder, paidAmount: cny(0), payments: [] }

function orderIn(status: OrderStatus, paid = true) {
  return parseOrder({ ...(paid ? youshuFaqOrder : unpaid), status })
}

describe('mapYoushuStatus', () => {
  it('maps every canonical status, warning where Youshu is coarser', () => {
    const table = Object.fromEntries(
      orderStatuses.map((status) => {
        const paid = ![
          'created',
          'awaiting_payment',
          'payment_failed',
          'cancelled_before_payment',
        ].includes(status)
        const mapping = mapYoushuStatus(orderIn(status, paid))
        return [status, `${mapping.status}${mapping.warnings.length > 0 ? ' (folded)' : ''}`]
      }),
    )
    expect(table).toEqual({
      created: '1110 (folded)',
      awaiting_payment: '1110',
      payment_failed: '1110 (folded)',
      paid: '1150',
      pending_acceptance: '1150 (folded)',
      accepted: '1150 (folded)',
      rejected: '1140 (folded)',
      preparing: '1150 (folded)',
      ready: '1150 (folded)',
      shipped: '1160',
      delivered: '1160 (folded)',
      completed: '1180',
      cancelled_before_payment: '1130',
      cancelled_after_payment: '1140',
      refunding: '1280',
      refunded: '1290',
      voided: '2150',
    })
  })

  it('keeps 1130 and 1140 apart: cancelled before payment does not count in GMV, after payment does', () => {
    expect(mapYoushuStatus(orderIn('cancelled_before_payment', false)).status).toBe('1130')
    expect(mapYoushuStatus(orderIn('cancelled_after_payment')).status).toBe('1140')
    expect(mapYoushuStatus(orderIn('rejected', false)).status).toBe('1130')
  })

  it('follows the FAQ for cash on delivery', () => {
    const cod = (status: OrderStatus) => parseOrder({ ...unpaid, cashOnDelivery: true, status })
    expect(mapYoushuStatus(cod('awaiting_payment'), 'paid_when_ordered')).toMatchObject({
      status: '1110',
      followUpStatus: '1150',
    })
    expect(mapYoushuStatus(cod('accepted'), 'paid_when_ordered')).toMatchObject({
      status: '1110',
      followUpStatus: '1150',
    })
    expect(mapYoushuStatus(cod('awaiting_payment'), 'paid_when_shipped')).toEqual({
      status: '1110',
      treatedAsPaid: false,
      warnings: [],
    })
    expect(mapYoushuStatus(cod('shipped'), 'paid_when_shipped')).toEqual({
      status: '1150',
      treatedAsPaid: true,
      warnings: [],
    })
    expect(mapYoushuStatus(cod('shipped'), 'paid_when_ordered').status).toBe('1160')
    expect(mapYoushuStatus(cod('cancelled_before_payment'), 'paid_when_ordered').status).toBe(
      '1140',
    )
    expect(mapYoushuStatus(cod('cancelled_before_payment'), 'paid_when_shipped').status).toBe(
      '1130',
    )
    expect(() => mapYoushuStatus(cod('awaiting_payment'))).toThrow(
      /set cashOnDelivery to 'paid_when_ordered' or 'paid_when_shipped'/,
    )
  })
})
