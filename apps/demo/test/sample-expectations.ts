// What the page shows of each sample on each platform of the demo, pinned: the payload's key
// fields (in the registry's order), the canonical paths of the refusal, or that the order is not
// reportable yet (Wixtar takes only finished orders, WeChat shipping only shipped ones; its reason
// in notYetReasons). A platform that lands later is
// checked by the generic part of the browser test until it gets its rows here.
export type Expectation =
  | readonly string[]
  | { readonly refused: readonly string[] }
  | { readonly notReportableYet: readonly string[] }
const notYet = { notReportableYet: ['status'] } as const
export const expected: Readonly<Record<string, Readonly<Record<string, Expectation>>>> = {
  completed: {
    youshu: ['demo-completed-1', '1180', '50', '50', '50'],
    alipayplus: ['demo-completed-1', 'PICK_UP', 'ALIPAY_HK', '5000', '5000'],
    wechat: ['demo-completed-1', '1001', 'wx-prepay-demo-completed-1', '5000', '100'],
    baidu: ['demo-completed-1', '200', '5000', 'o-demo-openid-42', '4200000000000000041'],
    'wechat-shipping': [
      '4200000000000000041',
      '4',
      '1',
      '(absent)',
      '2024-05-20T10:30:00.000+08:00',
    ],
    wixtar: ['demo-completed-1', 'COMPLETED', 'store-1', '50', '50'],
  },
  'youshu-faq': {
    youshu: { refused: ['buyer.platformUserId'] },
    alipayplus: { refused: ['buyer.platformUserId', 'merchant', 'buyer'] },
    wechat: {
      refused: [
        'buyer.platformUserId',
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].imageUrls',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
        'delivery.address.name',
        'delivery.address.phone',
        'delivery.address.line1',
      ],
    },
    baidu: { refused: ['buyer.platformUserId'] },
    // Paid, not shipped: WeChat shipping has nothing to report yet.
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
  'youshu-document': {
    youshu: ['34452222', '1150', '220', '200', '197'],
    alipayplus: ['34452222', 'DELIVERY', 'ALIPAY_HK', '22000', '19700'],
    wechat: {
      refused: [
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
      ],
    },
    baidu: { refused: ['platformOptions.baidu.sceneId'] },
    'wechat-shipping': ['243245125', '1', '1', '27427185', '2019-10-30T08:25:31.732+08:00'],
    wixtar: notYet,
  },
  'alipayplus-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: ['011164447512282000000002060', 'PICK_UP', 'ALIPAY_HK', '378', '342'],
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
  'wechat-document': {
    youshu: ['xxxxx', '1110', '15', '14', '14'],
    alipayplus: { refused: ['merchant'] },
    wechat: ['xxxxx', '1177', '42526234625', '1600', '10'],
    // Awaiting payment: no cashier payment yet, so no scene_id to require.
    baidu: ['xxxxx', '1', '1600', 'oTVP50O53a7jgmawAmxKukNlq3XI', '(absent)'],
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
  'baidu-document': {
    youshu: ['2221554346520', '1180', '24.9', '23.9', '23.9'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: [
        'platformOptions.wechat.scene',
        'lines[0].url',
        'payments[0].method',
        'delivery.address.name',
        'delivery.address.phone',
        'delivery.address.line1',
        // a completed order paid otherwise than by WeChat Pay: shop/order/pay has no transaction_id
        'payments',
        'delivery.packages',
      ],
    },
    baidu: ['2221554346520', '200', '2390', 'demo-baidu-open-id', '159259079195'],
    // Paid otherwise than by WeChat Pay: no payment for WeChat's shipping service to manage.
    'wechat-shipping': { refused: ['payments'] },
    // Wixtar in its default units (its descriptor's): charges and payments in whole dollars, so
    // the example's 23.90 yuan is refused rather than rounded.
    wixtar: {
      refused: [
        'merchant.store',
        'merchant.name',
        'charges',
        'charges.goodsSubtotal',
        'payableAmount',
        'payments[0].amount',
      ],
    },
  },
  'wechat-shipping-document': {
    youshu: ['SO20250301-0001', '1160', '59.8', '59.8', '59.8'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: [
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].imageUrls',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
      ],
    },
    baidu: [
      'SO20250301-0001',
      '6',
      '5980',
      'oExamplePayerOpenid000000001',
      '4200009999202503011234567890',
    ],
    'wechat-shipping': [
      '4200009999202503011234567890',
      '1',
      '1',
      'SF1400012345678',
      '2025-03-01T10:15:30.000+08:00',
    ],
    wixtar: notYet,
  },
  'wechat-shipping-split': {
    // Named by its merchant trade number: the platforms that need WeChat Pay's transaction id refuse it.
    youshu: { refused: ['payments[0].transactionId'] },
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: [
        'detailPageUrl',
        'platformOptions.wechat.scene',
        'lines[0].imageUrls',
        'lines[0].url',
        'lines[1].imageUrls',
        'lines[1].url',
        'platformOptions.wechat.prepayId',
        'platformOptions.wechat.prepayAt',
        'payments[0].transactionId',
      ],
    },
    baidu: { refused: ['payments[0].transactionId'] },
    'wechat-shipping': ['(absent)', '1', '2', 'YT7000000000001', '2025-03-01T10:15:30.000+08:00'],
    wixtar: notYet,
  },
  'wixtar-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: { refused: ['buyer.platformUserId'] },
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    'wechat-shipping': { refused: ['payments'] },
    wixtar: ['tywn21072900008', 'COMPLETED', 'A01', '1000', '1000'],
  },
  refund: {
    youshu: ['demo-refund-1', '1290', '50', '50', '50'],
    alipayplus: ['demo-refund-1', 'PICK_UP', 'ALIPAY_HK', '5000', '5000'],
    wechat: ['demo-refund-1', '1001', 'wx-prepay-demo-refund-1', '5000', '20'],
    baidu: ['demo-refund-1', '100', '5000', 'o-demo-openid-42', '4200000000000000042'],
    // A refund reaches WeChat through WeChat Pay itself: no shipping to report.
    'wechat-shipping': { refused: ['status'] },
    wixtar: ['demo-refund-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'cancelled-before-payment': {
    youshu: ['demo-cancelled-1', '1130', '50', '50', '50'],
    alipayplus: ['demo-cancelled-1', 'PICK_UP', 'ALIPAY_HK', '5000', '(absent)'],
    wechat: ['demo-cancelled-1', '1001', 'wx-prepay-demo-cancelled-1', '5000', '250'],
    baidu: ['demo-cancelled-1', '100', '5000', 'o-demo-openid-42', '(absent)'],
    'wechat-shipping': { refused: ['status'] },
    wixtar: ['demo-cancelled-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'part-paid': {
    youshu: ['demo-part-paid-1', '1110', '50', '50', '50'],
    // paymentAmount is the amount paid: the deposit.
    alipayplus: ['demo-part-paid-1', 'PICK_UP', 'ALIPAY_HK', '5000', '2000'],
    wechat: ['demo-part-paid-1', '1001', 'wx-prepay-demo-part-paid-1', '5000', '10'],
    baidu: ['demo-part-paid-1', '1', '5000', 'o-demo-openid-42', '4200000000000000043'],
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
  'order-discount': {
    youshu: ['demo-discount-1', '1150', '60.01', '50.01', '50.01'],
    alipayplus: ['demo-discount-1', 'PICK_UP', 'ALIPAY_HK', '6001', '5001'],
    wechat: ['demo-discount-1', '1001', 'wx-prepay-demo-discount-1', '5001', '20'],
    baidu: ['demo-discount-1', '5', '5001', 'o-demo-openid-42', '4200000000000000044'],
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
  refused: {
    youshu: ['demo-no-merchant-1', '1150', '50', '50', '50'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: ['merchant.store.name', 'merchant.store.phone', 'merchant.store.address.line1'],
    },
    baidu: ['demo-no-merchant-1', '5', '5000', 'o-demo-openid-42', '4200000000000000045'],
    'wechat-shipping': notYet,
    wixtar: notYet,
  },
}

// Where each platform's stored order (as the sandbox keeps it) holds the order's status, and the
// key field it must equal: what was stored is what the preview said would be sent.
export const storedStatus: Readonly<
  Record<string, { readonly path: string; readonly keyField: number }>
> = {
  youshu: { path: 'order_status', keyField: 1 },
  wechat: { path: 'status', keyField: 4 },
  baidu: { path: 'Status', keyField: 1 },
  wixtar: { path: 'current_state', keyField: 1 },
  'wechat-shipping': { path: 'logistics_type', keyField: 1 },
}

// Each "not yet" platform's reason for the order's status, as its card says it after the path.
export const notYetReasons: Readonly<Record<string, (status: string) => string>> = {
  wixtar: (status) =>
    `is ${status}, and Wixtar's upload takes only finished orders (COMPLETED or CANCELLED): nothing was sent — sync the order again once it is completed or cancelled`,
  'wechat-shipping': (status) =>
    `is ${status}: ${status === 'awaiting_payment' ? 'it is not paid yet' : 'no parcel has left yet'}, so there is no shipping to report to WeChat yet — nothing was sent; sync the order again once it has shipped`,
}

// Where a platform's stored order names the order: by its id, except WeChat shipping, whose
// upload names the WeChat Pay payment (its transaction id, else its merchant trade number).
export function storedNameOf(
  platform: string,
  order: {
    readonly id: string
    readonly payments?:
      | readonly {
          readonly transactionId?: string | undefined
          readonly merchantTradeNumber?: string | undefined
        }[]
      | undefined
  },
): string {
  if (platform !== 'wechat-shipping') return order.id
  const payment = order.payments?.[0]
  return payment?.transactionId ?? payment?.merchantTradeNumber ?? order.id
}
