import { type InstantInput, instantSchema, lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// platformOptions.wechat: the type a user writes, and the schema that checks it at run time, so
// that a wrong option fails with its canonical path rather than deep in the payload. The schema
// is annotated with the type and its shape checked against it: the compiler keeps them in step.

/**
 * The WeChat-only fields of a canonical order, under `order.platformOptions.wechat`.
 *
 * @example
 * ```ts
 * const order: OrderInput = {
 *   ...rest,
 *   platformOptions: { wechat: { scene: 1177, prepayId: 'wx2020032514042512345', prepayAt: '2020-03-25T14:04:25+08:00' } },
 * }
 * ```
 */
export interface WechatOrderOptions {
  /** `scene`: the mini program's scene value when the order was placed (`wx.getLaunchOptionsSync`); else the client's `defaultScene`. */
  readonly scene?: number | undefined
  /** `pay_info.prepay_id`: WeChat Pay's prepay id; required when the pay method is WeChat Pay. */
  readonly prepayId?: string | undefined
  /** `pay_info.prepay_time`: when the prepay id was obtained; required with `prepayId`. */
  readonly prepayAt?: InstantInput | undefined
  /** `pay_info.pay_method_type` instead of the one derived from the payments (0 微信支付, 1 货到付款, 2 商家会员储蓄卡). */
  readonly payMethodType?: 0 | 1 | 2 | undefined
  /** `delivery_detail.delivery_type` instead of the one derived from the order type (1 快递, 2 无需快递, 3 线下配送, 4 用户自提). */
  readonly deliveryType?: 1 | 2 | 3 | 4 | undefined
  /**
   * The `shop/order/pay` action_type that cancels an unpaid order: 2 支付失败, 3 用户取消,
   * 4 超时未支付, 5 商家取消, 10 其他原因取消 (with `cancelRemark`).
   *
   * @default 10
   */
  readonly cancelActionType?: 2 | 3 | 4 | 5 | 10 | undefined
  /**
   * `action_remark` of a cancellation.
   *
   * @default '订单已取消'
   */
  readonly cancelRemark?: string | undefined
}

/**
 * The schema of `order.platformOptions.wechat` ({@link WechatOrderOptions}), so that a wrong option
 * fails with its canonical path.
 *
 * @example
 * ```ts
 * wechatOrderOptionsSchema.safeParse({ deliveryType: 5 }).success // false: 1–4
 * ```
 */
export const wechatOrderOptionsSchema: z.ZodType<WechatOrderOptions> = lazySchema(() =>
  z.strictObject({
    scene: z.number().int().nonnegative().optional(),
    prepayId: z.string().min(1).optional(),
    prepayAt: instantSchema.optional(),
    payMethodType: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    deliveryType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    cancelActionType: z
      .union([z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(10)])
      .optional(),
    cancelRemark: z.string().min(1).optional(),
  } satisfies WireShape<WechatOrderOptions>),
)

declare module '@ordersync/core' {
  interface PlatformOptionsRegistry {
    wechat: WechatOrderOptions
  }
}
