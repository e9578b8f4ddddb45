import type { OrderInput } from '@ordersync/core'

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

/**
 * A mug order shipped by SF Express in one parcel, as a canonical order: what makes the request of
 * WeChat's `upload_shipping_info` page (https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html)
 * in its express, unified shape — `order_key` by transaction id, `logistics_type` 1,
 * `delivery_mode` 1, one parcel with its waybill, carrier `SF`, `item_desc` `白瓷马克杯*2；杯垫*1`
 * and the receiver's phone masked as `138****5678` (SF parcels need a contact), `upload_time`
 * `2025-03-01T10:15:30.000+08:00`, the payer's openid. The page's own example carries placeholder
 * values (a banana order); the ids here are made up in the page's shapes (a 28-digit transaction
 * id), and the amounts add up (2 × 25.90 + 8.00 = 59.80 yuan).
 *
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { wechatShippingDocumentOrder } from '@ordersync/wechat-shipping/fixtures'
 *
 * parseOrder(wechatShippingDocumentOrder).payments?.[0]?.transactionId // '4200009999202503011234567890'
 * ```
 */
export const wechatShippingDocumentOrder: OrderInput = {
  id: 'SO20250301-0001',
  type: 'shipping',
  status: 'shipped',
  createdAt: '2025-03-01T09:01:40+08:00',
  modifiedAt: '2025-03-01T10:16:02+08:00',
  buyer: { id: 'u-2077', platformUserId: 'oExamplePayerOpenid000000001' },
  lines: [
    { id: 'mug', skuId: 'mug-white', name: '白瓷马克杯', quantity: 2, unitPrice: cny(2590) },
    { id: 'coaster', skuId: 'coaster-1', name: '杯垫', quantity: 1, unitPrice: cny(800) },
  ],
  charges: { goodsSubtotal: cny(5980) },
  payableAmount: cny(5980),
  paidAmount: cny(5980),
  payments: [
    {
      method: 'wechat_pay',
      amount: cny(5980),
      transactionId: '4200009999202503011234567890',
      merchantTradeNumber: 'SO20250301-0001',
      paidAt: '2025-03-01T09:02:11+08:00',
    },
  ],
  delivery: {
    address: {
      name: '王芳',
      phone: '13812345678',
      city: '上海市',
      line1: '浦东新区世纪大道 100 号',
    },
    packages: [
      {
        carrierCode: 'SF',
        carrierName: '顺丰速运',
        trackingNumber: 'SF1400012345678',
        shippedAt: '2025-03-01T10:15:30+08:00',
        lines: [
          { lineId: 'mug', quantity: 2 },
          { lineId: 'coaster', quantity: 1 },
        ],
      },
    ],
  },
}

/**
 * A desk and a chair paid under a merchant trade number, the desk shipped first by YTO Express: as
 * a canonical order, what makes the first of the two split uploads of WeChat's
 * `upload_shipping_info` page — `order_key` type 1 (`mchid` `1900000109`, `out_trade_no`
 * `SO20250301-0042`), `delivery_mode` 2, `is_all_delivered: false`, the desk's parcel `书桌*1`,
 * `upload_time` `2025-03-01T10:15:30.000+08:00`. The merchant ID is the order's
 * `platformOptions['wechat-shipping'].mchid` (or the client's `mchid` setting). Add the chair's
 * parcel and set the status to `shipped` for the second upload, which lists both parcels with
 * `is_all_delivered: true` and the chair's later time.
 *
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { toWechatShippingOrder } from '@ordersync/wechat-shipping'
 * import { wechatShippingSplitDocumentOrder } from '@ordersync/wechat-shipping/fixtures'
 *
 * toWechatShippingOrder(parseOrder(wechatShippingSplitDocumentOrder)).upload.is_all_delivered // false
 * ```
 */
export const wechatShippingSplitDocumentOrder: OrderInput = {
  id: 'SO20250301-0042',
  type: 'shipping',
  status: 'preparing',
  createdAt: '2025-03-01T08:40:00+08:00',
  modifiedAt: '2025-03-01T10:16:00+08:00',
  buyer: { platformUserId: 'oExamplePayerOpenid000000001' },
  lines: [
    { id: 'desk', skuId: 'desk-120', name: '书桌', quantity: 1, unitPrice: cny(89900) },
    { id: 'chair', skuId: 'chair-3', name: '椅子', quantity: 1, unitPrice: cny(29900) },
  ],
  charges: { goodsSubtotal: cny(119800) },
  payableAmount: cny(119800),
  paidAmount: cny(119800),
  payments: [
    {
      method: 'wechat_pay',
      amount: cny(119800),
      merchantTradeNumber: 'SO20250301-0042',
      paidAt: '2025-03-01T08:41:12+08:00',
    },
  ],
  delivery: {
    address: { name: '李雷', phone: '13900001111', city: '杭州市', line1: '西湖区文三路 8 号' },
    packages: [
      {
        carrierCode: 'YTO',
        trackingNumber: 'YT7000000000001',
        shippedAt: '2025-03-01T10:15:30+08:00',
        lines: [{ lineId: 'desk', quantity: 1 }],
      },
    ],
  },
  platformOptions: { 'wechat-shipping': { mchid: '1900000109' } },
}
