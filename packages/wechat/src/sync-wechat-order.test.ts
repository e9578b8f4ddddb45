import { InvalidArgumentError, type OrderInput, syncOrders } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { client, documentOrder, fakeWechat, shipped } from './test/fake-wechat.ts'
import { createWechat } from './wechat-client.ts'

// "生成订单": add is re-entrant ("可重入"), replacing the whole order when its order_id or
// out_order_id exists, and a successful call leaves the order in status 10; shop/order/pay moves 10 → 20, shop/delivery/send 20 → 30, shop/delivery/recieve 30 → 100.

/** The shipped order, its address corrected after shipping. */
const readdressed: OrderInput = {
  ...shipped,
  modifiedAt: '2020-03-26T10:00:00+08:00',
  delivery: {
    ...shipped.delivery,
    address: { name: '张三', phone: '13800138000', line1: '科苑路 2 号' },
  },
}
const calls = (fake: ReturnType<typeof fakeWechat>, from: number) =>
  fake.sent.slice(from).map((entry) => `${entry.url.split('?')[0]} ${entry.body}`)

describe('createWechat: a change of content after payment', () => {
  it('adds the order again and replays pay and delivery/send, ending with the new content in status 30', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(calls(fake, before)).toMatchInlineSnapshot(`
      [
        "/shop/order/get {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI"}",
        "/shop/order/add {"create_time":"2020-03-25 13:05:25","out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","path":"/pages/order.html?out_order_id=xxxxx","scene":1177,"out_user_id":"323232323","order_detail":{"product_infos":[{"out_product_id":"12345","out_sku_id":"23456","product_cnt":10,"sale_price":100,"real_price":90,"path":"pages/productDetail/productDetail?productId=2176180","title":"洗洁精","head_img":"http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg"}],"pay_info":{"pay_method_type":0,"prepay_id":"42526234625","prepay_time":"2020-03-25 14:04:25"},"price_info":{"order_price":1600,"freight":500,"discounted_price":100,"additional_price":200,"additional_remarks":"税费"}},"delivery_detail":{"delivery_type":1},"address_info":{"receiver_name":"张三","detailed_address":"科苑路 2 号","tel_number":"13800138000"}}",
        "/shop/order/get {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI"}",
        "/shop/order/pay {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","action_type":1,"transaction_id":"4200000512202003251234567890","pay_time":"2020-03-25 14:10:00"}",
        "/shop/delivery/send {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","finish_all_delivery":1,"delivery_list":[{"delivery_id":"SF","waybill_id":"SF1234567890"}],"ship_done_time":"2020-03-26 09:30:00"}",
      ]
    `)
    expect(fake.statuses.get('xxxxx')).toBe(30)
    expect(fake.bodies.get('xxxxx')?.address_info).toEqual({
      receiver_name: '张三',
      detailed_address: '科苑路 2 号',
      tel_number: '13800138000',
    })
    const result = report.results[0]
    expect(result?.status).toBe('succeeded')
    expect(result?.warnings.filter((warning) => warning.code === 'resent_after_payment')).toEqual([
      {
        path: ['status'],
        code: 'resent_after_payment',
        message:
          "WeChat held this order in status 30 with other content (address_info.detailed_address): shop/order/add replaced the whole order, which leaves it in 10 (待付款), and the status steps were sent again to bring it back — WeChat has received this order's payment and shipment calls a second time",
      },
    ])
    expect(result?.status === 'succeeded' && Object.keys(result.platformData ?? {})).toEqual([
      'ticket',
      'ticket_expire_time',
    ])
  })

  it('reads the status after the add rather than assuming 10: a WeChat that keeps 30 gets no step again', async () => {
    const fake = fakeWechat({ addKeepsStatus: true })
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(fake.paths().slice(before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/get',
    ])
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it('re-adds when WeChat’s answer does not echo a field that was sent: it cannot see that it is unchanged', async () => {
    // WxJava's model of the shop/order/get answer (WxMaShopOrderResult) has no address_info.
    const fake = fakeWechat({ getOmits: ['address_info'] })
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [shipped] })
    expect(fake.paths().slice(before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/get',
      '/shop/order/pay',
      '/shop/delivery/send',
    ])
    expect(report.results[0]?.warnings.at(-1)?.message).toContain('other content (address_info)')
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it("keeps WeChat's content with resendAfterPayment 'never', naming the fields that differ", async () => {
    const fake = fakeWechat()
    const wechat = client(fake, { resendAfterPayment: 'never' })
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(
      report.results[0]?.warnings.filter((warning) => warning.code === 'add_not_resent'),
    ).toEqual([
      {
        path: ['status'],
        code: 'add_not_resent',
        message:
          "WeChat holds this order in status 30 with other content (address_info.detailed_address): shop/order/add was not sent again, since the client's resendAfterPayment is 'never': WeChat keeps the content it has",
      },
    ])
  })

  it('does not re-add an older version sent after WeChat moved further on', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [readdressed] })
    const before = fake.sent.length
    const older = { ...shipped, status: 'paid' as const }
    const report = await syncOrders({ platform: wechat, orders: [older] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(report.results[0]?.warnings.map((warning) => warning.code).slice(-2)).toEqual([
      'add_not_resent',
      'status_behind',
    ])
    expect(fake.bodies.get('xxxxx')?.address_info).toMatchObject({
      detailed_address: '科苑路 2 号',
    })
  })

  it('does not re-add an order WeChat holds in 200 (cancelled through after-sale): no call reaches 200 again', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    fake.statuses.set('xxxxx', 200)
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(report.results[0]?.warnings.map((warning) => warning.code).slice(-2)).toEqual([
      'add_not_resent',
      'status_behind',
    ])
    expect(fake.statuses.get('xxxxx')).toBe(200)
  })

  it('reports delivery partial when a replayed step fails after the re-add', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    fake.answer('/shop/order/pay', { body: { errcode: 47001, errmsg: 'data format error' } })
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(report.results[0]).toMatchObject({ status: 'failed', delivery: 'partial' })
    expect(fake.statuses.get('xxxxx')).toBe(10)
    // The next sync finds it unpaid with the new content, and finishes the replay.
    const again = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(again.results[0]?.status).toBe('succeeded')
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it('refuses an unknown resendAfterPayment at creation', () => {
    expect(() =>
      createWechat({ appId: 'wx1', appSecret: 's', resendAfterPayment: 'always' as never }),
    ).toThrow(InvalidArgumentError)
  })

  it('still adds an unpaid order every time: WeChat holds nothing a re-add could undo', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [documentOrder] })
    const before = fake.sent.length
    await syncOrders({ platform: wechat, orders: [documentOrder] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get', '/shop/order/add'])
  })
})
