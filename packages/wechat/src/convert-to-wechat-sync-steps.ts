import {
  type Conversion,
  formatBeijingWallClock,
  type Instant,
  type Order,
  omitUndefined,
} from '@ordersync/core'
import type { WechatOrderOptions } from './wechat-order-options.ts'
import type {
  WechatOrderReference,
  WechatPayOrderRequest,
  WechatSendDeliveryRequest,
} from './wechat-order-schema.ts'

/**
 * One call after `shop/order/add` that moves the order on, with the status it needs and the
 * status it leaves.
 *
 * @example
 * ```ts
 * const step: WechatSyncStep = { endpoint: '/shop/delivery/recieve', from: 30, to: 100, request: { out_order_id: 'o-1', openid: 'o' } }
 * ```
 */
export type WechatSyncStep =
  | {
      readonly endpoint: '/shop/order/pay'
      readonly from: 10
      readonly to: 20 | 250
      readonly request: WechatPayOrderRequest
    }
  | {
      readonly endpoint: '/shop/delivery/send'
      readonly from: 20
      readonly to: 30
      readonly request: WechatSendDeliveryRequest
    }
  | {
      readonly endpoint: '/shop/delivery/recieve'
      readonly from: 30
      readonly to: 100
      readonly request: WechatOrderReference
    }

/** What the steps need besides the order: the target status and what the add body decided. */
export interface WechatStepFacts {
  /** The WeChat status the order is brought to. */
  readonly target: 10 | 20 | 30 | 100 | 250
  /** `out_order_id` and `openid`, which every step carries. */
  readonly reference: WechatOrderReference
  readonly payMethodType: 0 | 1 | 2 | undefined
  readonly deliveryType: 1 | 2 | 3 | 4
  readonly wechat: WechatOrderOptions
}

/** `shop/order/pay` that cancels an unpaid order (10 → 250), with the options' action type. */
function cancelStep(facts: WechatStepFacts): WechatSyncStep {
  const actionType = facts.wechat.cancelActionType ?? 10
  return {
    endpoint: '/shop/order/pay',
    from: 10,
    to: 250,
    request: omitUndefined({
      ...facts.reference,
      action_type: actionType,
      action_remark:
        actionType === 10 ? (facts.wechat.cancelRemark ?? '订单已取消') : facts.wechat.cancelRemark,
    }),
  }
}

/**
 * `shop/order/pay` with action_type 1 (10 → 20): WeChat Pay's transaction id (required when the
 * pay method is WeChat Pay) and the payment's time.
 */
function payStep(order: Order, facts: WechatStepFacts, conversion: Conversion): WechatSyncStep {
  const payments = order.payments ?? []
  const wechatPayIndex = payments.findIndex((payment) => payment.method === 'wechat_pay')
  const wechatPay = wechatPayIndex >= 0 ? payments[wechatPayIndex] : undefined
  if (facts.payMethodType === 0 && wechatPay?.transactionId === undefined) {
    conversion.problem(
      wechatPay === undefined ? ['payments'] : ['payments', wechatPayIndex, 'transactionId'],
      'is required for a paid WeChat Pay order: shop/order/pay needs the WeChat Pay transaction_id',
    )
  }
  const paidAt = (wechatPay ?? payments[0])?.paidAt
  if (paidAt === undefined) {
    conversion.warn({
      path: ['payments'],
      code: 'value_derived',
      message:
        'no payment has paidAt: pay_time of shop/order/pay is the order’s statusChangedAt (or modifiedAt)',
    })
  }
  return {
    endpoint: '/shop/order/pay',
    from: 10,
    to: 20,
    request: omitUndefined({
      ...facts.reference,
      action_type: 1 as const,
      transaction_id: facts.payMethodType === 0 ? wechatPay?.transactionId : undefined,
      pay_time: formatBeijingWallClock(paidAt ?? order.statusChangedAt ?? order.modifiedAt),
    }),
  }
}

/** `delivery_list` of shop/delivery/send for parcels (delivery_type 1): carrier and waybill each. */
function toDeliveryList(
  order: Order,
  conversion: Conversion,
): { delivery_id: string; waybill_id: string }[] {
  const packages = order.delivery?.packages ?? []
  if (packages.length === 0)
    conversion.problem(
      ['delivery', 'packages'],
      'are required for a shipped parcel order (delivery_type 1): shop/delivery/send lists each carrier and waybill',
    )
  return packages.map((entry, index) => {
    if (entry.carrierCode === undefined)
      conversion.problem(
        ['delivery', 'packages', index, 'carrierCode'],
        'is required: it is delivery_id of shop/delivery/send (the id from shop/delivery/get_company_list)',
      )
    if (entry.trackingNumber === undefined)
      conversion.problem(
        ['delivery', 'packages', index, 'trackingNumber'],
        'is required: it is waybill_id of shop/delivery/send',
      )
    return { delivery_id: entry.carrierCode ?? '', waybill_id: entry.trackingNumber ?? '' }
  })
}

/** `shop/delivery/send` (20 → 30), everything shipped, at the last package's time. */
function sendStep(order: Order, facts: WechatStepFacts, conversion: Conversion): WechatSyncStep {
  const shipped = (order.delivery?.packages ?? [])
    .map((entry) => entry.shippedAt)
    .filter((value): value is Instant => value !== undefined)
    .sort((a, b) => a - b)
  const lastShipped = shipped[shipped.length - 1]
  if (lastShipped === undefined) {
    conversion.warn({
      path: ['delivery', 'packages'],
      code: 'value_derived',
      message:
        'no package has shippedAt: ship_done_time of shop/delivery/send is the order’s statusChangedAt (or modifiedAt)',
    })
  }
  const deliveryList = facts.deliveryType === 1 ? toDeliveryList(order, conversion) : undefined
  return {
    endpoint: '/shop/delivery/send',
    from: 20,
    to: 30,
    request: omitUndefined({
      ...facts.reference,
      finish_all_delivery: 1 as const,
      delivery_list:
        deliveryList !== undefined && deliveryList.length > 0 ? deliveryList : undefined,
      ship_done_time: formatBeijingWallClock(
        lastShipped ?? order.statusChangedAt ?? order.modifiedAt,
      ),
    }),
  }
}

/**
 * The calls after `shop/order/add` that bring the WeChat order to the target status, each from
 * the status WeChat requires: pay (cancel) for 250; pay for 20; pay, delivery/send for 30; and
 * delivery/recieve as well for 100. Times are Beijing wall clocks: the payment's `paidAt` and the
 * last package's `shippedAt`, else the order's `statusChangedAt` (or `modifiedAt`), warned.
 *
 * @param order - A valid order.
 * @param facts - The target status, the ids, the pay method and delivery type of the add body,
 *   and the order's WeChat options.
 * @param conversion - Where the problems and warnings go.
 * @returns The steps, in order.
 * @example
 * ```ts
 * // type-checked only: toWechatOrder opens the conversion and gathers the facts
 * declare const facts: WechatStepFacts
 * declare const conversion: Conversion
 * toWechatSyncSteps(order, facts, conversion).map((step) => step.endpoint)
 * ```
 */
export function toWechatSyncSteps(
  order: Order,
  facts: WechatStepFacts,
  conversion: Conversion,
): WechatSyncStep[] {
  const { target } = facts
  const steps: WechatSyncStep[] = []
  if (target === 250) steps.push(cancelStep(facts))
  if (target === 20 || target === 30 || target === 100)
    steps.push(payStep(order, facts, conversion))
  if (target === 30 || target === 100) steps.push(sendStep(order, facts, conversion))
  if (target === 100) {
    steps.push({ endpoint: '/shop/delivery/recieve', from: 30, to: 100, request: facts.reference })
  }
  return steps
}
