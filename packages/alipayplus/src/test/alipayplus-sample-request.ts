// The sample request of Alipay+ "order/sync" ("Samples → Request"), uncorrected, as a
// raw order/sync body. Its paymentAmount (12) is not orderAmount − discountAmount (1236 − 36), and it
// refunds 36 of 12 paid: api.syncOrder reports both as warnings. Its orderExtendBizInfo is an
// object, as the sample sends it (the field table says String).
export const alipayPlusSampleRequest = {
  appId: '2102010120672524',
  customerId: '1000001119398804xxxx',
  customerBelongsTo: 'CHOPE',
  referenceOrderId: '011164447512282000000002060',
  orderCreateTime: '2022-04-20T10:38:09+08:00',
  orderModifiedTime: '2022-04-20T10:38:09+08:00',
  orderLinkUrl: 'pages/orders/xxxxx',
  orderType: 'PICK_UP',
  orderExtendBizInfo: {
    orderBizStatus: 'PAID',
    pickUpStartTime: '2022-04-20T10:38:09+08:00',
    pickUpEndTime: '2022-04-20T10:38:09+08:00',
    pickUpCodeName: '9001',
    pickUpCodeValue: '122234',
  },
  goods: [
    {
      referenceGoodsId: '38834854894322',
      goodsName: 'jfkdskk',
      goodsCategory: 'fjkdskks',
      goodsBrand: 'adwqads',
      goodsUnitAmount: {
        currency: 'USD',
        value: 126,
      },
      goodsPaymentAmount: {
        currency: 'USD',
        value: 126,
      },
      goodsQuantity: '3',
      goodsSkuName: 'xxxx',
      goodsUrl: 'pages/goods/xxxxx',
      extendInfo: '{"key": "value"}',
    },
  ],
  merchant: {
    referenceMerchantId: 'fdsjkkkk',
    merchantMCC: 'dsakkk',
    merchantName: 'fdsafds',
    merchantDisplayName: 'dsafsa',
    merchantAddress: {
      region: 'US',
      state: 'NYS',
      city: 'NYC',
      address1: 'Street address/PO Box/Company name',
      address2: 'Apartment/Suite/Unit/Building',
      label: 'home',
      zipCode: '220311',
      longitude: '120.000000',
      latitude: '40.7000000',
      extendInfo: '{"key": "value"}',
    },
    merchantRegisterDate: '2022-04-03T17:30:08+08:00',
    merchantStore: {
      referenceStoreId: 'fassaa',
      storeName: 'Restaurant A',
      storeMCC: 'food',
      storeDisplayName: 'Restaurant A',
      storeTerminalId: 'dfsadsa',
      storeOperatorId: 'dfsafdfsgs',
      storeAddress: {
        region: 'US',
        state: 'NYS',
        city: 'NYC',
        address1: 'Street address/PO Box/Company name',
        address2: 'Apartment/Suite/Unit/Building',
        label: 'home',
        zipCode: '220311',
        longitude: '74.000000',
        latitude: '40.000000',
        extendInfo: '{"key": "value"}',
      },
      storePhoneNo: '13321324456',
    },
  },
  buyer: {
    referenceBuyerId: 'userId',
    buyerName: {
      fullName: 'Jack',
    },
    buyerPhoneNo: '13312341234',
    buyerEmail: 'email@example.com',
  },
  orderAmount: {
    currency: 'USD',
    value: 1236,
  },
  discountAmount: {
    currency: 'USD',
    value: 36,
  },
  promoDetails: [
    {
      promoId: 'salon',
      promoType: 'INSTANT_DISCOUNT',
      promoName: 'name',
      discountAmount: {
        currency: 'USD',
        value: 36,
      },
      extendInfo: '{}',
    },
  ],
  paymentAmount: {
    currency: 'USD',
    value: 12,
  },
  refunds: [
    {
      refundId: 'fds11254556636',
      refundAmount: {
        currency: 'USD',
        value: 36,
      },
      refundStatus: 'SUCCESS',
      refundTime: '2022-04-20T10:38:09+08:00',
    },
  ],
} as const
