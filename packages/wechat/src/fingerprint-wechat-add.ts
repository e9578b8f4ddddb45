import type { WechatAddOrderRequest } from './wechat-order-schema.ts'

/**
 * The parts of a `shop/order/add` body a fingerprint covers, one hash each, so that a changed
 * fingerprint names what changed. `out_order_id` and `openid` find the order and are not covered.
 */
const sections = [
  ['create_time'],
  ['path'],
  ['scene'],
  ['out_user_id'],
  ['order_detail', 'product_infos'],
  ['order_detail', 'pay_info'],
  ['order_detail', 'price_info'],
  ['delivery_detail'],
  ['address_info'],
] as const

/**
 * A `shop/order/add` body reduced to one 53-bit hash per part: what a client remembers of the
 * body it sent last, instead of the body (a few numbers per order rather than a kilobyte).
 *
 * @example
 * ```ts
 * const fingerprint: WechatAddFingerprint = fingerprintWechatAdd(toWechatOrder(order, { defaultScene: 1177 }).add)
 * ```
 */
export type WechatAddFingerprint = readonly number[]

/**
 * cyrb53 (bryc, public domain): a 53-bit hash of a string, two 32-bit multiply-xorshift lanes.
 * Two different parts hash alike with a chance of about 1 in 2^53.
 */
function hashText(text: string): number {
  let first = 0xdeadbeef
  let second = 0x41c6ce57
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index)
    first = Math.imul(first ^ code, 2654435761)
    second = Math.imul(second ^ code, 1597334677)
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507)
  first ^= Math.imul(second ^ (second >>> 13), 3266489909)
  second = Math.imul(second ^ (second >>> 16), 2246822507)
  second ^= Math.imul(first ^ (first >>> 13), 3266489909)
  return 4294967296 * (2097151 & second) + (first >>> 0)
}

/** The value at `path` in the body, or `undefined`. */
function valueAt(add: WechatAddOrderRequest, path: readonly string[]): unknown {
  let value: unknown = add
  for (const key of path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined
  }
  return value
}

/**
 * The fingerprint of a `shop/order/add` body: one hash per part of it (create_time, path, scene,
 * out_user_id, product_infos, pay_info, price_info, delivery_detail, address_info), over its JSON
 * text — the bytes add sends, in the order the conversion writes them.
 *
 * @param add - The body.
 * @returns The fingerprint.
 * @example
 * ```ts
 * const add = toWechatOrder(order, { defaultScene: 1177 }).add
 * fingerprintWechatAdd(add).length // 9
 * ```
 */
export function fingerprintWechatAdd(add: WechatAddOrderRequest): WechatAddFingerprint {
  return sections.map((path) => hashText(JSON.stringify(valueAt(add, path)) ?? ''))
}

/**
 * The parts of a body whose hash differs between two fingerprints, as paths
 * (`address_info`, `order_detail.price_info`); empty when the bodies are the same.
 *
 * @param before - The fingerprint remembered.
 * @param after - The fingerprint of the body about to be sent.
 * @returns The parts that changed.
 * @example
 * ```ts
 * const add = toWechatOrder(order, { defaultScene: 1177 }).add
 * changedWechatAddSections(fingerprintWechatAdd(add), fingerprintWechatAdd({ ...add, scene: 1001 })) // ['scene']
 * ```
 */
export function changedWechatAddSections(
  before: WechatAddFingerprint,
  after: WechatAddFingerprint,
): string[] {
  return sections.flatMap((path, index) => (before[index] === after[index] ? [] : [path.join('.')]))
}
