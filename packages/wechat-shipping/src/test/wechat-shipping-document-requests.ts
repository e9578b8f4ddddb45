// The worked requests of WeChat's upload_shipping_info page shapes, as the raw bodies a caller of
// `api` writes (values made up in the page's shapes).

import type { WechatShippingUploadRequest } from '../wechat-shipping-upload-schema.ts'

/** Express, unified, SF with a masked contact, by transaction id. */
export const unifiedSfRequest: WechatShippingUploadRequest = {
  order_key: {
    order_number_type: 2,
    transaction_id: '4200009999202503011234567890',
  },
  logistics_type: 1,
  delivery_mode: 1,
  shipping_list: [
    {
      tracking_no: 'SF1400012345678',
      express_company: 'SF',
      item_desc: '白瓷马克杯*2；杯垫*1',
      contact: { receiver_contact: '138****5678' },
    },
  ],
  upload_time: '2025-03-01T10:15:30.000+08:00',
  payer: { openid: 'oExamplePayerOpenid000000001' },
}

/** By merchant trade number, split: the first of two calls. */
export const splitFirstRequest: WechatShippingUploadRequest = {
  order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'SO20250301-0042' },
  logistics_type: 1,
  delivery_mode: 2,
  is_all_delivered: false,
  shipping_list: [{ tracking_no: 'YT7000000000001', express_company: 'YTO', item_desc: '书桌*1' }],
  upload_time: '2025-03-01T10:15:30.000+08:00',
  payer: { openid: 'oExamplePayerOpenid000000001' },
}

/** The second call: the same key, complete, the second parcel (and the first), a later time. */
export const splitSecondRequest: WechatShippingUploadRequest = {
  ...splitFirstRequest,
  is_all_delivered: true,
  shipping_list: [
    { tracking_no: 'YT7000000000001', express_company: 'YTO', item_desc: '书桌*1' },
    { tracking_no: 'YT7000000000002', express_company: 'YTO', item_desc: '椅子*1' },
  ],
  upload_time: '2025-03-02T09:00:00.000+08:00',
}

/** get_order's answer for a payment named by merchant trade number (the page's shape). */
export const getOrderAnswerText: string = JSON.stringify({
  errcode: 0,
  errmsg: 'ok',
  order: {
    transaction_id: '4200009999202502281111111111',
    merchant_id: '1900000109',
    sub_merchant_id: '',
    merchant_trade_no: 'SO20250228-0007',
    description: '白瓷马克杯*2；杯垫*1',
    paid_amount: 5980,
    openid: 'oExamplePayerOpenid000000001',
    trade_create_time: 1740710000,
    pay_time: 1740710030,
    in_complaint: false,
    order_state: 2,
    shipping: {
      delivery_mode: 1,
      logistics_type: 1,
      finish_shipping: true,
      finish_shipping_count: 1,
      goods_desc: '',
      shipping_list: [
        {
          tracking_no: 'SF1400012345678',
          express_company: 'SF',
          goods_desc: '白瓷马克杯*2；杯垫*1',
          upload_time: 1740795330,
          contact: { receiver_contact: '138****5678' },
        },
      ],
    },
  },
})
