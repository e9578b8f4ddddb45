import type { SyncWarning } from '@ordersync/core'
import type { BaiduMainOrder, BaiduSubsOrderItem } from './baidu-order-schema.ts'
import { checkBaiduDetailPage } from './map-baidu-detail-page.ts'

const yuan = (fen: number): string => `${fen} fen`

/**
 * Checks the money identity of one `EXT.MainOrder`, exactly, in fen:
 * `Payment.Amount = Σ(PayPrice × Quantity) + Σ(PaymentInfo.Value × Quantity) −
 * Σ(PreferentialInfo.Value × Quantity)` (document, Data.Ext.MainOrder.Payment). A raw request
 * that breaks it gets a warning; the canonical path computes `Amount` so that it always holds.
 * A DetailPage (a product's, `Appraise`, `OrderDetail`) whose `SwanSchema` is not the launch
 * scheme `baiduboxapp://swan/…` gets a `not_a_launch_scheme` warning.
 *
 * @param mainOrder - The main order of a request.
 * @param at - Its path in the request, for the warning.
 * @returns A warning when the identity is broken, and one per DetailPage that is not a launch
 *   scheme.
 * @example
 * ```ts
 * const main: BaiduMainOrder = {
 *   Products: [{ ID: '1014093064', Name: '苹果', Quantity: 1, Price: 2390, PayPrice: 2390 }],
 *   Payment: { Method: 1, Amount: 1, IsPayment: true },
 * }
 * checkBaiduMainOrder(main, ['EXT', 'MainOrder'])[0]?.path // ['EXT', 'MainOrder', 'Payment', 'Amount']
 * checkBaiduMainOrder(main, ['EXT', 'MainOrder'])[0]?.code // 'sum_mismatch'
 * ```
 */
export function checkBaiduMainOrder(
  mainOrder: BaiduMainOrder,
  at: readonly (string | number)[],
): SyncWarning[] {
  const goods = mainOrder.Products.reduce(
    (total, product) => total + product.PayPrice * product.Quantity,
    0,
  )
  const charges = (mainOrder.Payment.PaymentInfo ?? []).reduce(
    (total, entry) => total + entry.Value * entry.Quantity,
    0,
  )
  const discounts = (mainOrder.Payment.PreferentialInfo ?? []).reduce(
    (total, entry) => total + entry.Value * entry.Quantity,
    0,
  )
  const expected = goods + charges - discounts
  const pages = [
    ...mainOrder.Products.flatMap((product, index) =>
      checkBaiduDetailPage(product.DetailPage, [...at, 'Products', index, 'DetailPage']),
    ),
    ...checkBaiduDetailPage(mainOrder.Appraise, [...at, 'Appraise']),
    ...checkBaiduDetailPage(mainOrder.OrderDetail, [...at, 'OrderDetail']),
  ]
  if (mainOrder.Payment.Amount === expected) return pages
  return [
    {
      path: [...at, 'Payment', 'Amount'],
      code: 'sum_mismatch',
      message: `is ${yuan(mainOrder.Payment.Amount)} but Σ(PayPrice × Quantity) ${yuan(goods)} + Σ(PaymentInfo) ${yuan(charges)} − Σ(PreferentialInfo) ${yuan(discounts)} = ${yuan(expected)}`,
    },
    ...pages,
  ]
}

/**
 * Checks one after-sale item against the rules its own examples break: `SubStatus` must be one of
 * the 退换货枚举值 (the examples send `""`); `Refund.Amount` (退款总金额) must be the sum of the
 * products' `Amount` (the example refunds 10 fen in total and 0 for its only product); 402
 * (退款成功) is for refunds and 403 (换货完成) for exchanges (`OrderType` 2); its `OrderDetail`'s
 * `SwanSchema` must be the launch scheme `baiduboxapp://swan/…`.
 *
 * @param item - An after-sale item of a request.
 * @param at - Its path in the request.
 * @returns One warning per broken rule.
 * @example
 * ```ts
 * const item: BaiduSubsOrderItem = { SubOrderID: 'r1', SubStatus: '', CTime: 1571026201, MTime: 1571026201, OrderType: 1 }
 * checkBaiduSubsOrderItem(item, ['Items', 0])[0]?.code // 'document_placeholder'
 * ```
 */
export function checkBaiduSubsOrderItem(
  item: Pick<BaiduSubsOrderItem, 'SubStatus'> & Partial<BaiduSubsOrderItem>,
  at: readonly (string | number)[],
): SyncWarning[] {
  const warnings: SyncWarning[] = []
  if (item.SubStatus === '') {
    warnings.push({
      path: [...at, 'SubStatus'],
      code: 'document_placeholder',
      message:
        'is "" as in the document’s examples, but the table wants one of 400, 401, 402, 403, 404, 407: Baidu may refuse it',
    })
  }
  if (item.Refund !== undefined) {
    const sum = item.Refund.Product.reduce((total, product) => total + product.Amount, 0)
    if (sum !== item.Refund.Amount) {
      warnings.push({
        path: [...at, 'Refund', 'Amount'],
        code: 'sum_mismatch',
        message: `is ${yuan(item.Refund.Amount)} but the products’ Amount add up to ${yuan(sum)}`,
      })
    }
  }
  if (item.OrderType !== undefined) {
    if (item.SubStatus === 403 && item.OrderType !== 2) {
      warnings.push({
        path: [...at, 'SubStatus'],
        code: 'status_mismatch',
        message: `is 403 (exchange done) but OrderType is ${item.OrderType}, not an exchange (2): a finished refund is 402`,
      })
    }
    if (item.SubStatus === 402 && item.OrderType === 2) {
      warnings.push({
        path: [...at, 'SubStatus'],
        code: 'status_mismatch',
        message: 'is 402 (refunded) but OrderType is 2, an exchange: a finished exchange is 403',
      })
    }
  }
  warnings.push(...checkBaiduDetailPage(item.OrderDetail, [...at, 'OrderDetail']))
  return warnings
}

/**
 * Checks an `EXT.SubsOrder`: its summary `Status` (the document's examples send 0, or none in the
 * append example; the table requires one of the 退换货枚举值), each item, and that no SubOrderID
 * appears twice.
 *
 * @param subsOrder - The after-sale part of a request.
 * @param at - Its path in the request.
 * @returns The warnings.
 * @example
 * ```ts
 * const item: BaiduSubsOrderItem = { SubOrderID: 'r1', SubStatus: 402, CTime: 1571026201, MTime: 1571026201, OrderType: 1 }
 * checkBaiduSubsOrder({ Status: 0, Items: [item] }, ['EXT', 'SubsOrder'])[0]?.path // ['EXT', 'SubsOrder', 'Status']
 * ```
 */
export function checkBaiduSubsOrder(
  subsOrder: {
    readonly Status?: number | undefined
    readonly Items: readonly (Pick<BaiduSubsOrderItem, 'SubStatus'> & Partial<BaiduSubsOrderItem>)[]
  },
  at: readonly (string | number)[],
): SyncWarning[] {
  const warnings: SyncWarning[] = []
  if (subsOrder.Status === undefined || subsOrder.Status === 0) {
    warnings.push({
      path: [...at, 'Status'],
      code: 'document_placeholder',
      message: `is ${subsOrder.Status === undefined ? 'missing' : '0'} as in the document’s examples, but the table requires the summary status (400, 401, 402, 403, 404, 407): Baidu may refuse it`,
    })
  }
  const seen = new Set<string>()
  for (const [index, item] of subsOrder.Items.entries()) {
    warnings.push(...checkBaiduSubsOrderItem(item, [...at, 'Items', index]))
    if (item.SubOrderID !== undefined) {
      if (seen.has(item.SubOrderID)) {
        warnings.push({
          path: [...at, 'Items', index, 'SubOrderID'],
          code: 'duplicate_id',
          message: `${JSON.stringify(item.SubOrderID)} appears more than once (as in the document’s update/sub/status example): which entry Baidu keeps is not documented`,
        })
      }
      seen.add(item.SubOrderID)
    }
  }
  return warnings
}
