import type { OrderInput } from '@ordersync/core'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const detailPage =
  'baiduboxapp://swan/B3GF3AWvCSr59myIs61uqaoYz7pPCSY1/wjz/bdxd/order-detail/order-detail?orderId=159259079195'

/**
 * The example of Baidu's "导入主订单信息" (https://smartprogram.baidu.com/docs/develop/serverapi/order_importupdate/) as a canonical order,
 * corrected so that it is a valid order.
 *
 * The money adds up as the document's formula says (`Payment.Amount` 2390 = 2390 × 1 + freight 100
 * − coupon 100). Corrected:
 * - the order is `Status` 200 (completed) yet `IsPayment` is false and the payment `Time` 0: it is
 *   paid here, at the creation time;
 * - the after-sale item has `SubStatus` "" (the table wants an integer) and refunds 10 fen in total
 *   but 0 fen for its only product: it is a succeeded refund (402) of 10 fen, all of it for that
 *   product;
 * - the order's `Mtime` (2009) is before its after-sale's `MTime` (2019): the order's modification
 *   time is the after-sale's.
 *
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { baiduDocumentOrder } from '@ordersync/baidu/fixtures'
 *
 * parseOrder(baiduDocumentOrder).payableAmount // { amount: 2390, currency: 'CNY' }
 * ```
 */
export const baiduDocumentOrder: OrderInput = {
  id: '2221554346520',
  title: 'test',
  type: 'shipping',
  status: 'completed',
  createdAt: 1_233_212_343_000,
  modifiedAt: 1_571_026_201_000,
  detailPageUrl: detailPage,
  lines: [
    {
      id: '1014093064',
      skuId: '1014093064',
      name: '四川大凉山丑苹果脆甜红将军盐源丑苹果',
      description: '四川大凉山丑苹果脆甜:5斤小果25个左右偏小;',
      quantity: 1,
      unitPrice: cny(2390),
      imageUrls: [
        'https://imagelib.cdn.bcebos.com/cip_ml_picbc34db9a-7e10-4a96-bf8e-1c690640c6a4.jpeg',
      ],
      attributes: [{ name: '四川大凉山丑苹果脆甜', value: '5斤小果25个左右偏小' }],
    },
  ],
  charges: {
    goodsSubtotal: cny(2390),
    freight: cny(100),
    discounts: [{ level: 'order', kind: 'coupon', name: '优惠券使用', amount: cny(100) }],
  },
  payableAmount: cny(2390),
  paidAmount: cny(2390),
  payments: [{ method: 'online', amount: cny(2390), paidAt: 1_233_212_343_000 }],
  afterSales: [
    {
      id: 'onlyOne',
      type: 'refund_only',
      status: 'succeeded',
      createdAt: 1_571_026_201_000,
      modifiedAt: 1_571_026_201_000,
      refundAmount: cny(10),
      lines: [{ lineId: '1014093064', quantity: 1, refundAmount: cny(10) }],
      detailPageUrl: detailPage,
    },
  ],
}
