import type { WechatAddOrderRequest } from '../wechat-order-schema.ts'

// "Example I" of WeChat's shop/order/add page (normal payment scenario), uncorrected, as a raw
// request: its comments, trailing commas and the "..." after the one product removed, nothing else
// changed — the placeholder texts stay, the receiver's "phone number" included. Its price_info
// holds by the response's final_price formula, but its real_price 100 ignores the 100 fen
// discount, which api.addOrder reports as a warning.
export const wechatDocumentRequest: WechatAddOrderRequest = {
  create_time: '2020-03-25 13:05:25',
  out_order_id: 'xxxxx',
  openid: 'oTVP50O53a7jgmawAmxKukNlq3XI',
  path: '/pages/order.html?out_order_id=xxxxx',
  scene: 1177,
  out_user_id: '323232323',
  order_detail: {
    product_infos: [
      {
        out_product_id: '12345',
        out_sku_id: '23456',
        product_cnt: 10,
        sale_price: 100,
        real_price: 100,
        path: 'pages/productDetail/productDetail?productId=2176180',
        title: '洗洁精',
        head_img:
          'http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg',
      },
    ],
    pay_info: {
      pay_method_type: 0,
      prepay_id: '42526234625',
      prepay_time: '2020-03-25 14:04:25',
    },
    price_info: {
      order_price: 1600,
      freight: 500,
      discounted_price: 100,
      additional_price: 200,
      additional_remarks: '税费',
    },
  },
  delivery_detail: {
    delivery_type: 1,
  },
  address_info: {
    receiver_name: '张三',
    detailed_address: '详细收货地址信息',
    tel_number: '收货人手机号码',
    country: '国家,选填',
    province: '省份,选填',
    city: '城市,选填',
    town: '乡镇,选填',
  },
}
