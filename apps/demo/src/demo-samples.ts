import type { PlatformSample } from '@ordersync/core'
import type { DemoPlatform } from './platform-registry.ts'

/** A sample order of the page's picker: its id, label, description and canonical order. */
export type DemoSample = PlatformSample

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const

// The edge cases are one small shop's orders, carrying what every platform asks for: a buyer with
// a platform user id and a phone (so the exchange log shows the phone redacted); a merchant with a
// store, whose address and phone a WeChat pick-up order reports; the mini program's order page
// and each product's page and image (WeChat's shop/order/add requires them).
const buyer = { id: 'buyer-42', platformUserId: 'o-demo-openid-42', phone: '13800138000' }
const merchant = {
  id: 'merchant-demo',
  name: 'Demo Tea House',
  store: {
    id: 'store-1',
    name: 'Demo Tea House Central',
    phone: '02155550100',
    address: { city: 'Shanghai', district: 'Huangpu', line1: '1 Demo Road' },
  },
}
const product = (skuId: string) => ({
  url: `pages/product/product?sku=${skuId}`,
  imageUrls: [`https://demo.ordersync.invalid/images/${skuId}.jpg`],
})
const teaLines = [
  {
    id: 'tea',
    skuId: 'tea-500',
    name: 'Jasmine tea 500 ml',
    quantity: 2,
    unitPrice: cny(1800),
    ...product('tea-500'),
  },
  {
    id: 'cake',
    skuId: 'cake-1',
    name: 'Sesame cake',
    quantity: 1,
    unitPrice: cny(1400),
    ...product('cake-1'),
  },
]
/**
 * The shop's order `id`: its page in the mini program, and the WeChat-only fields WeChat Pay
 * orders need (the scene the buyer came from, the prepay id WeChat Pay issued and when).
 */
const teaOrder = (id: string) =>
  ({
    id,
    type: 'pickup',
    createdAt: '2024-05-20T10:00:00+08:00',
    detailPageUrl: `pages/order/order?out_order_id=${id}`,
    buyer,
    merchant,
    lines: teaLines,
    platformOptions: {
      wechat: {
        scene: 1001,
        prepayId: `wx-prepay-${id}`,
        prepayAt: '2024-05-20T10:00:05+08:00',
      },
    },
  }) as const

/**
 * The page's first order: one every platform takes and stores — paid in full by WeChat Pay (with
 * its transaction id, which WeChat's shop/order/pay needs), and finished (Wixtar takes only
 * finished orders).
 */
const completedSample: DemoSample = {
  id: 'completed',
  label: 'Completed pick-up order (every platform takes it)',
  description:
    'Two teas and a cake, 50.00 CNY paid by WeChat Pay and collected at the store: every platform takes it and the sync succeeds on each.',
  order: {
    ...teaOrder('demo-completed-1'),
    status: 'completed',
    modifiedAt: '2024-05-20T10:30:00+08:00',
    charges: { goodsSubtotal: cny(5000) },
    payableAmount: cny(5000),
    paidAmount: cny(5000),
    payments: [
      {
        method: 'wechat_pay',
        amount: cny(5000),
        transactionId: '4200000000000000041',
        merchantTradeNumber: 'T-demo-completed-1',
        paidAt: '2024-05-20T10:00:30+08:00',
      },
    ],
  },
}

/**
 * The edge cases a merchant meets, as one small shop's orders, after the platforms' own samples
 * (see {@link demoSamples}).
 */
const shopSamples: readonly DemoSample[] = [
  {
    id: 'refund',
    label: 'Refunded in full',
    description: 'A paid order whose buyer got all 50.00 CNY back.',
    order: {
      ...teaOrder('demo-refund-1'),
      status: 'refunded',
      modifiedAt: '2024-05-20T15:30:00+08:00',
      charges: { goodsSubtotal: cny(5000) },
      payableAmount: cny(5000),
      paidAmount: cny(5000),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(5000),
          transactionId: '4200000000000000042',
          merchantTradeNumber: 'T-demo-refund-1',
        },
      ],
      afterSales: [
        {
          id: 'refund-1',
          type: 'refund_only',
          status: 'succeeded',
          createdAt: '2024-05-20T15:00:00+08:00',
          modifiedAt: '2024-05-20T15:30:00+08:00',
          refundAmount: cny(5000),
          reason: 'Shop closed early',
        },
      ],
    },
  },
  {
    id: 'cancelled-before-payment',
    label: 'Cancelled before payment',
    description: 'The buyer gave up before paying: nothing paid, no payment.',
    order: {
      ...teaOrder('demo-cancelled-1'),
      status: 'cancelled_before_payment',
      modifiedAt: '2024-05-20T10:15:00+08:00',
      charges: { goodsSubtotal: cny(5000) },
      payableAmount: cny(5000),
      paidAmount: cny(0),
    },
  },
  {
    id: 'part-paid',
    label: 'Part-paid (deposit)',
    description: 'A 20.00 CNY deposit paid of 50.00 CNY payable; the rest is due at pickup.',
    order: {
      ...teaOrder('demo-part-paid-1'),
      status: 'awaiting_payment',
      modifiedAt: '2024-05-20T10:05:00+08:00',
      charges: { goodsSubtotal: cny(5000) },
      payableAmount: cny(5000),
      paidAmount: cny(2000),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(2000),
          transactionId: '4200000000000000043',
          merchantTradeNumber: 'T-demo-part-paid-1',
        },
      ],
    },
  },
  {
    id: 'order-discount',
    label: 'Order-level discount to allocate',
    description:
      '10.00 CNY off the whole order across three lines of 10.00, 20.00 and 30.01 CNY: each line’s share is exact and the shares add up to the discount.',
    order: {
      ...teaOrder('demo-discount-1'),
      status: 'paid',
      modifiedAt: '2024-05-20T10:01:00+08:00',
      lines: [
        {
          id: 'a',
          skuId: 'sku-a',
          name: 'Oolong 250 g',
          quantity: 1,
          unitPrice: cny(1000),
          ...product('sku-a'),
        },
        {
          id: 'b',
          skuId: 'sku-b',
          name: 'Pu-erh 250 g',
          quantity: 1,
          unitPrice: cny(2000),
          ...product('sku-b'),
        },
        {
          id: 'c',
          skuId: 'sku-c',
          name: 'Longjing 250 g',
          quantity: 1,
          unitPrice: cny(3001),
          ...product('sku-c'),
        },
      ],
      charges: {
        goodsSubtotal: cny(6001),
        discounts: [{ level: 'order', kind: 'promotion', name: '10 off', amount: cny(1000) }],
      },
      payableAmount: cny(5001),
      paidAmount: cny(5001),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(5001),
          transactionId: '4200000000000000044',
          merchantTradeNumber: 'T-demo-discount-1',
        },
      ],
    },
  },
  {
    id: 'refused',
    label: 'No merchant: Alipay+ and WeChat refuse it',
    description:
      'A valid paid order without its merchant: Alipay+ needs the merchant and WeChat the pick-up store, so both refuse it before anything is sent.',
    order: {
      ...teaOrder('demo-no-merchant-1'),
      merchant: undefined,
      status: 'paid',
      modifiedAt: '2024-05-20T10:00:00+08:00',
      charges: { goodsSubtotal: cny(5000) },
      payableAmount: cny(5000),
      paidAmount: cny(5000),
      payments: [
        {
          method: 'wechat_pay',
          amount: cny(5000),
          transactionId: '4200000000000000045',
          merchantTradeNumber: 'T-demo-no-merchant-1',
        },
      ],
    },
  },
]

/**
 * The page's sample orders: first an order every platform takes, then every platform's own
 * samples (its document's examples, from its descriptor), then the edge cases a merchant meets.
 *
 * @param platforms - The demo's platforms.
 * @returns The samples, in the picker's order.
 */
export function demoSamples(platforms: readonly DemoPlatform[]): readonly DemoSample[] {
  return [completedSample, ...platforms.flatMap((platform) => platform.samples), ...shopSamples]
}
