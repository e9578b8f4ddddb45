import type { OrderInput } from '@ordersync/core'
import { createWechatShippingSandboxModule, startSandbox } from '@ordersync/sandbox'
import { testConvergence } from '@ordersync/sandbox/testing'
import { describe } from 'vitest'
import type { WechatShippingPreparedOrder } from './convert-to-wechat-shipping-order.ts'
import { platformDescriptor } from './wechat-shipping-descriptor.ts'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

/** The descriptor's order with a third line, so that its shipping can take three uploads. */
function threeLineOrder(index: number): OrderInput {
  const order = platformDescriptor.makeOrder(index)
  const lines = [
    ...order.lines,
    { id: 'spoon', skuId: 'spoon-1', name: '小勺', quantity: 1, unitPrice: cny(500) },
  ]
  const payment = order.payments?.[0]
  return {
    ...order,
    lines,
    charges: { goodsSubtotal: cny(6480) },
    payableAmount: cny(6480),
    paidAmount: cny(6480),
    payments: payment === undefined ? [] : [{ ...payment, amount: cny(6480) }],
  }
}

/** The parcels of each version: mugs by SF, then the coaster, then the spoon (by YTO). */
const parcels: readonly NonNullable<NonNullable<OrderInput['delivery']>['packages']>[number][] = [
  {
    carrierCode: 'SF',
    trackingNumber: 'SF1400000000001',
    shippedAt: '2025-03-01T10:10:00+08:00',
    lines: [{ lineId: 'mug', quantity: 2 }],
  },
  {
    carrierCode: 'YTO',
    trackingNumber: 'YT7000000000002',
    shippedAt: '2025-03-01T10:20:00+08:00',
    lines: [{ lineId: 'coaster', quantity: 1 }],
  },
  {
    carrierCode: 'YTO',
    trackingNumber: 'YT7000000000003',
    shippedAt: '2025-03-01T10:30:00+08:00',
    lines: [{ lineId: 'spoon', quantity: 1 }],
  },
]

/**
 * Version `version` of an order ships one more parcel — a split shipment, open after the first
 * and second parcels (WeChat keeps the payment unshipped), complete with the third — and the
 * fourth corrects the last parcel's waybill at the same shipment time: the payment's one
 * re-shipment, its upload_time moved one second on. A late upload of an earlier version is then
 * refused by WeChat's own rules (a partial split after completion, an upload_time not later).
 */
function laterShippingVersion(order: OrderInput, version: number): OrderInput {
  const shipped = parcels.slice(0, Math.min(version, 3))
  const last = shipped[2]
  if (version >= 4 && last !== undefined)
    shipped[2] = { ...last, trackingNumber: 'YT7000000000033' }
  return {
    ...order,
    status: version >= 3 ? 'shipped' : 'preparing',
    delivery: { ...order.delivery, packages: shipped },
  }
}

/** An upload without its time: a correction's time is moved past WeChat's, so it is not the prepared one. */
function withoutTime(upload: unknown): unknown {
  const { upload_time: _time, ...shipping } = upload as Record<string, unknown>
  return shipping
}

describe('wechat-shipping: every payment converges on its newest shipping', () => {
  testConvergence<WechatShippingPreparedOrder>({
    name: 'wechat-shipping',
    sandboxPlatform: 'wechat-shipping',
    startSandbox: (seed) => startSandbox({ seed, modules: [createWechatShippingSandboxModule()] }),
    createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
    makeOrder: threeLineOrder,
    makeVersion: laterShippingVersion,
    storeKey: (orderId) => platformDescriptor.storeKey?.(orderId) ?? orderId,
    // The sandbox keeps the last upload body it accepted.
    stored: withoutTime,
    expected: (prepared) => withoutTime(prepared.payload.upload),
    busy: platformDescriptor.faults.retryable,
  })
})
