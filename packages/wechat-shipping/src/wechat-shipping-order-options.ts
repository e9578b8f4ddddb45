import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// platformOptions['wechat-shipping']: the type a user writes, and the schema that checks it at run
// time, so that a wrong option fails with its canonical path rather than deep in the payload. The
// schema is annotated with the type and its shape checked against it: the compiler keeps them in
// step.

/**
 * The WeChat-shipping-only fields of a canonical order, under
 * `order.platformOptions['wechat-shipping']`.
 *
 * @example
 * ```ts
 * const order: OrderInput = {
 *   ...rest,
 *   platformOptions: { 'wechat-shipping': { mchid: '1900000109', logisticsType: 2 } },
 * }
 * const ofSubMerchant: OrderInput = {
 *   ...rest,
 *   platformOptions: { 'wechat-shipping': { mchid: '1900000100', subMchid: '1900000109' } },
 * }
 * ```
 */
export interface WechatShippingOrderOptions {
  /**
   * The merchant ID that took the WeChat Pay payment, when the payment is named by its
   * `merchantTradeNumber` (`order_key.mchid`, get_order's `merchant_id`); the service provider's
   * when `subMchid` is given too. Else the client's `mchid` setting.
   */
  readonly mchid?: string | undefined
  /**
   * The sub-merchant ID of a service provider's payment (服务商模式): the upload's
   * `order_key.mchid`, and get_order's `sub_merchant_id` beside the provider's `mchid`. Else the
   * client's `subMchid` setting.
   */
  readonly subMchid?: string | undefined
  /**
   * `logistics_type` instead of the one the order type gives (1 express, 2 same-city delivery,
   * 3 virtual goods, 4 user pick-up).
   */
  readonly logisticsType?: 1 | 2 | 3 | 4 | undefined
  /**
   * `is_all_delivered`: whether this upload completes the shipping, instead of what the order
   * says (its status shipped or later, or its parcels holding every line's quantity).
   */
  readonly allDelivered?: boolean | undefined
}

/**
 * The schema of `order.platformOptions['wechat-shipping']` ({@link WechatShippingOrderOptions}).
 *
 * @example
 * ```ts
 * wechatShippingOrderOptionsSchema.safeParse({ logisticsType: 5 }).success // false: 1–4
 * ```
 */
export const wechatShippingOrderOptionsSchema: z.ZodType<WechatShippingOrderOptions> = lazySchema(
  () =>
    z.strictObject({
      mchid: z.string().min(1).optional(),
      subMchid: z.string().min(1).optional(),
      logisticsType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
      allDelivered: z.boolean().optional(),
    } satisfies WireShape<WechatShippingOrderOptions>),
)

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    'wechat-shipping': WechatShippingOrderOptions
  }
}
