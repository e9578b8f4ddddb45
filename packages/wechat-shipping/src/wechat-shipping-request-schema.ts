import { lazySchema, type WireShape } from '@ordersync/core'
import { z } from 'zod'

// The schemas here are built on first use (lazySchema), not when the package is imported:
// constructing zod schemas costs time at startup that a program which has not validated anything
// yet should not pay, and most programs never use most of them.

// The bodies of the service's other calls, as their pages under
// https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/ type them. These
// name the payment differently from the uploads: `merchant_id` and `merchant_trade_no` here,
// `mchid` and `out_trade_no` in an upload's `order_key`. Times are Unix seconds (numbers), never
// milliseconds: WeChat answers 10060029 to a received_time in milliseconds.

/** The largest Unix-seconds value the pages allow (`end_time` defaults to uint32's maximum). */
const maxUnixSeconds = 4_294_967_295

const unixSeconds = (code?: string) =>
  z
    .number()
    .int(`must be whole Unix seconds${code === undefined ? '' : ` (${code})`}`)
    .nonnegative('must not be negative')
    .max(
      maxUnixSeconds,
      `must be Unix seconds, not milliseconds${code === undefined ? '' : ` (${code})`}`,
    )

/**
 * A payment as `get_order` and `notify_confirm_receive` name it: by `transaction_id`, or by
 * `merchant_id` and `merchant_trade_no` (and `sub_merchant_id` for a sub-merchant's payment).
 *
 * @example
 * ```ts
 * const byTradeNumber: WechatShippingPaymentReference = { merchant_id: '1900000109', merchant_trade_no: 'SO20250228-0007' }
 * ```
 */
export interface WechatShippingPaymentReference {
  readonly transaction_id?: string | undefined
  readonly merchant_id?: string | undefined
  readonly sub_merchant_id?: string | undefined
  readonly merchant_trade_no?: string | undefined
}

/**
 * The body of `POST /wxa/sec/order/notify_confirm_receive`: the payment, and when the carrier
 * delivered it, in Unix seconds (after the shipping time).
 *
 * @example
 * ```ts
 * const request: WechatShippingNotifyConfirmReceiveRequest = { transaction_id: '4200009999202502281111111111', received_time: 1740880000 }
 * ```
 */
export interface WechatShippingNotifyConfirmReceiveRequest extends WechatShippingPaymentReference {
  readonly received_time: number
}

/**
 * The filter of `POST /wxa/sec/order/get_order_list`; `last_index` is the cursor of the page
 * before (the client's iterator passes it on by itself).
 *
 * @example
 * ```ts
 * const filter: WechatShippingOrderListRequest = { pay_time_range: { begin_time: 1740700000, end_time: 1740800000 }, order_state: 1, page_size: 50 }
 * ```
 */
export interface WechatShippingOrderListRequest {
  readonly pay_time_range?:
    | { readonly begin_time?: number | undefined; readonly end_time?: number | undefined }
    | undefined
  /** 1 待发货, 2 已发货, 3 确认收货, 4 交易完成, 5 已退款, 6 资金待结算. */
  readonly order_state?: 1 | 2 | 3 | 4 | 5 | 6 | undefined
  readonly openid?: string | undefined
  readonly last_index?: string | undefined
  /** Default 100 on WeChat's side; its maximum is not documented. */
  readonly page_size?: number | undefined
}

/**
 * The body of `POST /wxa/sec/order/set_msg_jump_path`.
 *
 * @example
 * ```ts
 * const request: WechatShippingMsgJumpPathRequest = { path: 'pages/order/detail' }
 * ```
 */
export interface WechatShippingMsgJumpPathRequest {
  /** A page of the mini program; empty falls back to WeChat's default page. */
  readonly path: string
}

/**
 * The body of `POST /wxa/sec/order/is_trade_managed` and
 * `…/is_trade_management_confirmation_completed`.
 *
 * @example
 * ```ts
 * const request: WechatShippingAppRequest = { appid: 'wx1234567890abcdef' }
 * ```
 */
export interface WechatShippingAppRequest {
  readonly appid: string
}

/**
 * The body of `POST /wxa/sec/order/opspecialorder` (特殊发货报备): a pre-sale order (type 1, with
 * the expected shipping time `delay_to`, 15–330 days after payment) or a test order (type 2).
 *
 * @example
 * ```ts
 * const preSale: WechatShippingSpecialOrderRequest = { order_id: '4200009999202503011234567890', type: 1, delay_to: 1743465600 }
 * ```
 */
export interface WechatShippingSpecialOrderRequest {
  /** An unshipped payment's transaction id or merchant trade number. */
  readonly order_id: string
  readonly type: 1 | 2
  /** Required for type 1 (268546001 otherwise); Unix seconds. */
  readonly delay_to?: number | undefined
}

const id = lazySchema(() => z.string().min(1, 'must not be empty'))

const reference = () =>
  ({
    transaction_id: id.optional(),
    merchant_id: id.optional(),
    sub_merchant_id: z.string().optional(),
    merchant_trade_no: id.optional(),
  }) satisfies WireShape<WechatShippingPaymentReference>

/** The issue of a body that names the payment by neither id (10060014). */
function requirePayment(value: WechatShippingPaymentReference, context: z.RefinementCtx): void {
  if (value.transaction_id !== undefined) return
  if (value.merchant_id !== undefined && value.merchant_trade_no !== undefined) return
  context.addIssue({
    code: 'custom',
    path: value.merchant_id === undefined ? ['transaction_id'] : ['merchant_trade_no'],
    message:
      value.merchant_id === undefined
        ? 'or merchant_id with merchant_trade_no is required (10060014)'
        : 'is required with merchant_id (10060014)',
  })
}

/**
 * The schema of a `get_order` body: the payment by `transaction_id`, or by `merchant_id` and
 * `merchant_trade_no` (10060014 otherwise).
 *
 * @example
 * ```ts
 * wechatShippingPaymentReferenceSchema.safeParse({ merchant_id: '1900000109' }).success // false: merchant_trade_no
 * ```
 */
export const wechatShippingPaymentReferenceSchema: z.ZodType<WechatShippingPaymentReference> =
  lazySchema(() => z.strictObject(reference()).superRefine(requirePayment))

/**
 * The schema of a `notify_confirm_receive` body: the payment, and `received_time` in whole Unix
 * seconds (milliseconds are refused, as WeChat refuses them with 10060029).
 *
 * @example
 * ```ts
 * wechatShippingNotifyConfirmReceiveRequestSchema.safeParse({ transaction_id: '42', received_time: 1740880000000 }).success // false: milliseconds
 * ```
 */
export const wechatShippingNotifyConfirmReceiveRequestSchema: z.ZodType<WechatShippingNotifyConfirmReceiveRequest> =
  lazySchema(() =>
    z
      .strictObject({
        ...reference(),
        received_time: unixSeconds('10060029'),
      } satisfies WireShape<WechatShippingNotifyConfirmReceiveRequest>)
      .superRefine(requirePayment),
  )

/**
 * The schema of a `get_order_list` filter: times in Unix seconds up to uint32's maximum (an
 * absent `end_time` is that maximum; `end_time` is inclusive), `order_state` 1–6, a positive
 * `page_size`.
 *
 * @example
 * ```ts
 * wechatShippingOrderListRequestSchema.safeParse({ order_state: 7 }).success // false: 1–6
 * ```
 */
export const wechatShippingOrderListRequestSchema: z.ZodType<WechatShippingOrderListRequest> =
  lazySchema(() =>
    z.strictObject({
      pay_time_range: z
        .strictObject({
          begin_time: unixSeconds().optional(),
          end_time: unixSeconds().optional(),
        })
        .optional(),
      order_state: z
        .union(
          [z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)],
          {
            error: 'must be 1–6 (待发货, 已发货, 确认收货, 交易完成, 已退款, 资金待结算)',
          },
        )
        .optional(),
      openid: id.optional(),
      last_index: id.optional(),
      page_size: z.number().int().positive('must be a positive integer').optional(),
    } satisfies WireShape<WechatShippingOrderListRequest>),
  )

/** The query parameters WeChat appends to the jump path: a path's own query must not use them. */
const appendedParameters = ['transaction_id', 'merchant_id', 'merchant_trade_no', 'sub_merchant_id']

/**
 * The schema of a `set_msg_jump_path` body: a path whose query does not use the parameters WeChat
 * appends (`transaction_id`, `merchant_id`, `merchant_trade_no`, `sub_merchant_id`).
 *
 * @example
 * ```ts
 * wechatShippingMsgJumpPathRequestSchema.safeParse({ path: 'pages/order/detail?transaction_id=1' }).success // false
 * ```
 */
export const wechatShippingMsgJumpPathRequestSchema: z.ZodType<WechatShippingMsgJumpPathRequest> =
  lazySchema(() =>
    z.strictObject({
      path: z.string().refine(
        (path) => {
          const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : ''
          const names = [...new URLSearchParams(query).keys()]
          return !names.some((name) => appendedParameters.includes(name))
        },
        {
          message: `must not set ${appendedParameters.join(', ')} in its query: WeChat appends them`,
        },
      ),
    } satisfies WireShape<WechatShippingMsgJumpPathRequest>),
  )

/**
 * The schema of an `is_trade_managed` or `is_trade_management_confirmation_completed` body.
 *
 * @example
 * ```ts
 * wechatShippingAppRequestSchema.safeParse({ appid: '' }).success // false: appid is required (40097)
 * ```
 */
export const wechatShippingAppRequestSchema: z.ZodType<WechatShippingAppRequest> = lazySchema(() =>
  z.strictObject({
    appid: z.string().min(1, 'is required (40097)'),
  } satisfies WireShape<WechatShippingAppRequest>),
)

/**
 * The schema of an `opspecialorder` body: `type` 1 or 2 (268546000), `delay_to` in Unix seconds
 * and required for a pre-sale (268546001). Its 15–330 days after payment cannot be checked here:
 * the payment time is WeChat's.
 *
 * @example
 * ```ts
 * wechatShippingSpecialOrderRequestSchema.safeParse({ order_id: 'SO1', type: 1 }).success // false: delay_to
 * ```
 */
export const wechatShippingSpecialOrderRequestSchema: z.ZodType<WechatShippingSpecialOrderRequest> =
  lazySchema(() =>
    z
      .strictObject({
        order_id: id,
        type: z.union([z.literal(1), z.literal(2)], {
          error: 'must be 1 (pre-sale) or 2 (test order) (268546000)',
        }),
        delay_to: unixSeconds('268546001').optional(),
      } satisfies WireShape<WechatShippingSpecialOrderRequest>)
      .superRefine((value, context) => {
        if (value.type === 1 && value.delay_to === undefined)
          context.addIssue({
            code: 'custom',
            path: ['delay_to'],
            message: 'is required for a pre-sale order (type 1) (268546001)',
          })
      }),
  )
