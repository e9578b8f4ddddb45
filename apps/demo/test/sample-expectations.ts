// What the page shows of each sample on each platform of the demo, pinned: the payload's key
// fields (in the registry's order), the canonical paths of the refusal, or that the order is not
// reportable yet (a platform that takes only finished orders). A platform that lands later is
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
    wixtar: notYet,
  },
  'alipayplus-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: ['011164447512282000000002060', 'PICK_UP', 'ALIPAY_HK', '378', '342'],
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    wixtar: notYet,
  },
  'wechat-document': {
    youshu: ['xxxxx', '1110', '15', '14', '14'],
    alipayplus: { refused: ['merchant'] },
    wechat: ['xxxxx', '1177', '42526234625', '1600', '10'],
    // Awaiting payment: no cashier payment yet, so no scene_id to require.
    baidu: ['xxxxx', '1', '1600', 'oTVP50O53a7jgmawAmxKukNlq3XI', '(absent)'],
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
  'wixtar-document': {
    youshu: { refused: ['payableAmount.currency'] },
    alipayplus: { refused: ['buyer.platformUserId'] },
    wechat: { refused: ['payableAmount.currency'] },
    baidu: { refused: ['payableAmount.currency'] },
    wixtar: ['tywn21072900008', 'COMPLETED', 'A01', '1000', '1000'],
  },
  refund: {
    youshu: ['demo-refund-1', '1290', '50', '50', '50'],
    alipayplus: ['demo-refund-1', 'PICK_UP', 'ALIPAY_HK', '5000', '5000'],
    wechat: ['demo-refund-1', '1001', 'wx-prepay-demo-refund-1', '5000', '20'],
    baidu: ['demo-refund-1', '100', '5000', 'o-demo-openid-42', '4200000000000000042'],
    wixtar: ['demo-refund-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'cancelled-before-payment': {
    youshu: ['demo-cancelled-1', '1130', '50', '50', '50'],
    alipayplus: ['demo-cancelled-1', 'PICK_UP', 'ALIPAY_HK', '5000', '(absent)'],
    wechat: ['demo-cancelled-1', '1001', 'wx-prepay-demo-cancelled-1', '5000', '250'],
    baidu: ['demo-cancelled-1', '100', '5000', 'o-demo-openid-42', '(absent)'],
    wixtar: ['demo-cancelled-1', 'CANCELLED', 'store-1', '50', '50'],
  },
  'part-paid': {
    youshu: ['demo-part-paid-1', '1110', '50', '50', '50'],
    // paymentAmount is the amount paid: the deposit.
    alipayplus: ['demo-part-paid-1', 'PICK_UP', 'ALIPAY_HK', '5000', '2000'],
    wechat: ['demo-part-paid-1', '1001', 'wx-prepay-demo-part-paid-1', '5000', '10'],
    baidu: ['demo-part-paid-1', '1', '5000', 'o-demo-openid-42', '4200000000000000043'],
    wixtar: notYet,
  },
  'order-discount': {
    youshu: ['demo-discount-1', '1150', '60.01', '50.01', '50.01'],
    alipayplus: ['demo-discount-1', 'PICK_UP', 'ALIPAY_HK', '6001', '5001'],
    wechat: ['demo-discount-1', '1001', 'wx-prepay-demo-discount-1', '5001', '20'],
    baidu: ['demo-discount-1', '5', '5001', 'o-demo-openid-42', '4200000000000000044'],
    wixtar: notYet,
  },
  refused: {
    youshu: ['demo-no-merchant-1', '1150', '50', '50', '50'],
    alipayplus: { refused: ['merchant'] },
    wechat: {
      refused: ['merchant.store.name', 'merchant.store.phone', 'merchant.store.address.line1'],
    },
    baidu: ['demo-no-merchant-1', '5', '5000', 'o-demo-openid-42', '4200000000000000045'],
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
}
