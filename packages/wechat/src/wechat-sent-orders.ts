import type { WechatAddFingerprint } from './fingerprint-wechat-add.ts'

/**
 * What a client remembers of the last `shop/order/add` it sent for an order: the body's
 * fingerprint and the `modifiedAt` of the version it carried (epoch milliseconds).
 *
 * @example
 * ```ts
 * const sent: WechatSentOrder = { fingerprint: [1, 2, 3, 4, 5, 6, 7, 8, 9], modifiedAt: Date.parse('2020-03-26T10:00:00+08:00') }
 * ```
 */
export interface WechatSentOrder {
  readonly fingerprint: WechatAddFingerprint
  readonly modifiedAt: number
  /** WeChat's `order_id` for it, when an answer named it. */
  readonly orderId?: string
}

/**
 * The memory of the orders a client sent, by `out_order_id`: in memory, per client object, and
 * bounded (least recently used forgotten first).
 *
 * @example
 * ```ts
 * // type-checked only: the client makes and uses it
 * declare const sentOrders: WechatSentOrders
 * sentOrders.recall('xxxxx')?.modifiedAt
 * ```
 */
export interface WechatSentOrders {
  /** What was sent for the order, if still remembered; the order becomes the most recently used. */
  recall(outOrderId: string): WechatSentOrder | undefined
  /** Remembers what was sent (or found held) for the order, as the most recently used. */
  remember(outOrderId: string, sent: WechatSentOrder): void
  /** Forgets the order: what WeChat holds of it is not known any more. */
  forget(outOrderId: string): void
}

/**
 * Creates an empty {@link WechatSentOrders} that holds at most `capacity` orders. Past it, the
 * least recently used tenth is forgotten in one pass: one walk over the Map's keys for many
 * evictions, since a fresh `keys()` walks past every entry deleted at the front of the table.
 *
 * @param capacity - How many orders to remember, at least 1.
 * @returns The memory.
 * @example
 * ```ts
 * const sentOrders = createWechatSentOrders(2)
 * sentOrders.remember('a', { fingerprint: [1], modifiedAt: 1 })
 * sentOrders.remember('b', { fingerprint: [2], modifiedAt: 2 })
 * sentOrders.recall('a')?.modifiedAt // 1
 * sentOrders.remember('c', { fingerprint: [3], modifiedAt: 3 })
 * sentOrders.recall('b') // undefined: used least recently
 * ```
 */
export function createWechatSentOrders(capacity: number): WechatSentOrders {
  const orders = new Map<string, WechatSentOrder>()
  const forgetOldest = (): void => {
    let left = orders.size - capacity + Math.floor(capacity / 10)
    for (const outOrderId of orders.keys()) {
      if (left <= 0) break
      orders.delete(outOrderId)
      left -= 1
    }
  }
  return {
    recall(outOrderId) {
      const sent = orders.get(outOrderId)
      if (sent !== undefined) {
        orders.delete(outOrderId)
        orders.set(outOrderId, sent)
      }
      return sent
    },
    remember(outOrderId, sent) {
      orders.delete(outOrderId)
      orders.set(outOrderId, sent)
      if (orders.size > capacity) forgetOldest()
    },
    forget(outOrderId) {
      orders.delete(outOrderId)
    },
  }
}
