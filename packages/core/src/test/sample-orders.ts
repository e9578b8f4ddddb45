import type { OrderInput } from '../order/order-types.ts'

// Core's own test orders. The platforms' document examples live in their packages
// (`@ordersync/<platform>/fixtures`), which core cannot import; these two are shaped like the
// ones core's tests relied on, with neutral names.

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const createdAt = 1_572_395_131_732

/**
 * A paid order of two lines, 20 × 2 and 30 × 2 yuan, 10 yuan freight and 10 yuan off the order:
 * 100 yuan payable and paid, the lines' shares of the discount 4 and 6 yuan (36 and 54 left).
 */
export const sampleOrder: OrderInput = {
  id: 'sample-1',
  type: 'shipping',
  status: 'paid',
  createdAt: '2024-05-20T10:00:00+08:00',
  modifiedAt: '2024-05-20T10:01:30+08:00',
  lines: [
    { id: 'goods-a', skuId: 'goods-a', name: '商品a', quantity: 2, unitPrice: cny(2000) },
    { id: 'goods-b', skuId: 'goods-b', name: '商品b', quantity: 2, unitPrice: cny(3000) },
  ],
  charges: {
    goodsSubtotal: cny(10000),
    freight: cny(1000),
    discounts: [{ level: 'order', kind: 'promotion', name: '满100减10', amount: cny(1000) }],
  },
  payableAmount: cny(10000),
  paidAmount: cny(10000),
  payments: [
    {
      method: 'wechat_pay',
      amount: cny(10000),
      transactionId: '4200000000000000001',
      merchantTradeNumber: 'sample-trade-1',
    },
  ],
}

/**
 * A paid shipping order with most parts an order has: a buyer, a brand and a store, two lines
 * with product details (2 × 60 and 1 × 90 yuan), 10 yuan freight, 20 yuan of order coupons and
 * 3 yuan of payment coupons, two payments (97 + 100 = 197 yuan) and a shipped package.
 */
export const richSampleOrder: OrderInput = {
  id: 'rich-1',
  type: 'shipping',
  status: 'paid',
  channel: 'mini_program',
  createdAt,
  modifiedAt: createdAt,
  statusChangedAt: createdAt,
  buyer: { id: 'buyer-1', platformUserId: 'openid-1', phone: '13800138000' },
  merchant: {
    brand: { id: 'brand-1', name: '品牌' },
    store: { id: 'store-1', name: '文华仓', address: { city: '福州市' } },
  },
  lines: [
    {
      id: 'shoes-blue',
      skuId: 'shoes-blue',
      name: '鞋子蓝色',
      productId: 'shoes',
      productName: '鞋子',
      unit: '双',
      category: { id: '0001', name: '服装' },
      imageUrls: ['https://img.example.com/shoes-blue.jpg'],
      quantity: 2,
      unitPrice: cny(6000),
      isGift: false,
    },
    {
      id: 'dress-red',
      skuId: 'dress-red',
      name: '连衣裙红色',
      productId: 'dress',
      productName: '连衣裙',
      unit: '件',
      category: { id: '0001', name: '服装' },
      quantity: 1,
      unitPrice: cny(9000),
      isGift: false,
    },
  ],
  charges: {
    goodsSubtotal: cny(21000),
    freight: cny(1000),
    discounts: [
      {
        level: 'order',
        kind: 'coupon',
        id: 'c-1',
        code: 'MEMBER10',
        name: '会员10元',
        amount: cny(1000),
      },
      {
        level: 'order',
        kind: 'coupon',
        id: 'c-1',
        code: 'FESTIVAL10',
        name: '节日10元',
        amount: cny(1000),
      },
      {
        level: 'payment',
        kind: 'coupon',
        id: 'p-1',
        code: 'PAY2',
        name: '支付2元',
        amount: cny(200),
      },
      {
        level: 'payment',
        kind: 'coupon',
        id: 'p-1',
        code: 'PAY1',
        name: '支付1元',
        amount: cny(100),
      },
    ],
  },
  payableAmount: cny(19700),
  paidAmount: cny(19700),
  payments: [
    { method: 'wechat_pay', amount: cny(9700), transactionId: 'tx-1', merchantTradeNumber: 'T-1' },
    { method: 'stored_value', amount: cny(10000), transactionId: 'tx-2' },
  ],
  delivery: {
    address: {
      name: 'Jerry',
      phone: '13800138000',
      line1: '广东省深圳市',
      countryCode: 'CN',
      provinceCode: '440000',
      cityCode: '440001',
      districtCode: '440001',
    },
    packages: [
      {
        carrierCode: '100003',
        carrierName: '顺丰',
        trackingNumber: '27427185',
        shippedAt: createdAt,
        lines: [
          { lineId: 'shoes-blue', quantity: 2 },
          { lineId: 'dress-red', quantity: 1 },
        ],
      },
    ],
  },
}
