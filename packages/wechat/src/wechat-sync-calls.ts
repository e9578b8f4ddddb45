import type { SyncWarning } from '@ordersync/core'
import type { WechatAddOrderResult } from './check-wechat-add-answer.ts'
import type { WechatHeldOrder } from './plan-wechat-add.ts'
import type { WechatAddOrderRequest, WechatOrderReference } from './wechat-order-schema.ts'

/**
 * What `shop/order/get` tells a sync: the status and content WeChat holds, the `order_id` when it
 * is a uint64, and a warning when it is not.
 *
 * @example
 * ```ts
 * const lookup: WechatLookup = { status: 20, fields: {}, orderId: '3705115058471208929', warnings: [] }
 * ```
 */
export interface WechatLookup extends WechatHeldOrder {
  readonly orderId?: string
  readonly warnings: readonly SyncWarning[]
}

/**
 * The calls a sync makes, given by the client (which owns the transport).
 *
 * @example
 * ```ts
 * // type-checked only: the client builds these over its transport
 * declare const calls: WechatSyncCalls
 * ```
 */
export interface WechatSyncCalls {
  /** `shop/order/get` as a lookup: `undefined` when WeChat does not know the order. */
  readHeldOrder(
    reference: WechatOrderReference,
    signal: AbortSignal | undefined,
  ): Promise<WechatLookup | undefined>
  /** `shop/order/add`, its answer checked against the request (warnings at canonical paths). */
  addOrder(
    request: WechatAddOrderRequest,
    sensitive: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<{ readonly result: WechatAddOrderResult; readonly warnings: readonly SyncWarning[] }>
  /** One status step (`shop/order/pay`, `shop/delivery/send`, `shop/delivery/recieve`). */
  sendStep(endpoint: string, request: unknown, signal: AbortSignal | undefined): Promise<unknown>
}
