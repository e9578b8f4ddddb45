import { InvalidArgumentError, type OrderInput, parseOrder, syncOrders } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { client, documentOrder, fakeWechat, shipped } from './test/fake-wechat.ts'
import { createWechat } from './wechat-client.ts'

// "生成订单": add is re-entrant ("可重入"), replacing the whole order when its order_id or
// out_order_id exists, and a successful call leaves the order in status 10; shop/order/pay moves
// 10 → 20 (errcode 100000 from any other status), shop/delivery/send 20 → 30,
// shop/delivery/recieve 30 → 100. The fake answers shop/order/get as WxJava's model of the answer
// has it: no create_time, scene, address_info or pay_method_type, delivery_detail once sent.

/** The shipped order, its address corrected after shipping. */
const readdressed: OrderInput = {
  ...shipped,
  modifiedAt: '2020-03-26T10:00:00+08:00',
  delivery: {
    ...shipped.delivery,
    address: { name: '张三', phone: '13800138000', line1: '科苑路 2 号' },
  },
}
/** The shipped order, its product renamed after shipping: a field WeChat's answer carries. */
const renamed: OrderInput = {
  ...shipped,
  modifiedAt: '2020-03-26T10:00:00+08:00',
  lines: shipped.lines.map((line) => ({ ...line, name: '洗洁精 1.5L' })),
}
/** The API paths the fake received since `from` (token requests left out). */
const apiPaths = (fake: ReturnType<typeof fakeWechat>, from: number) =>
  fake
    .paths()
    .slice(from)
    .filter((path) => !path?.startsWith('/cgi-bin/'))
/** The path a `fetch` is asked for. */
const pathOf = (input: Parameters<typeof globalThis.fetch>[0]) =>
  new URL(input instanceof Request ? input.url : String(input)).pathname
const calls = (fake: ReturnType<typeof fakeWechat>, from: number) =>
  fake.sent.slice(from).map((entry) => `${entry.url.split('?')[0]} ${entry.body}`)
const codes = (result: { readonly warnings: readonly { readonly code: string }[] } | undefined) =>
  result?.warnings.map((warning) => warning.code)

describe('createWechat: re-syncing a paid order', () => {
  it('sends only shop/order/get for an unchanged paid order, though WeChat’s answer carries fewer fields than add sends', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    for (let run = 0; run < 3; run += 1) {
      const before = fake.sent.length
      const report = await syncOrders({ platform: wechat, orders: [shipped] })
      expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
      expect(report.results[0]).toMatchObject({ status: 'succeeded', warnings: [] })
    }
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it('in a new process, compares the fields WeChat echoes and, when only unechoed ones could differ, warns instead of re-adding', async () => {
    const fake = fakeWechat()
    await syncOrders({ platform: client(fake), orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: client(fake), orders: [readdressed] })
    expect(apiPaths(fake, before)).toEqual(['/shop/order/get'])
    expect(report.results[0]?.warnings).toEqual([
      {
        path: ['status'],
        code: 'resend_unverifiable',
        message:
          "WeChat holds this order in status 30 (待收货, shipped) with the content its answer shows, but its answer leaves out create_time, scene, order_detail.pay_info.pay_method_type, address_info: a change there cannot be seen, so shop/order/add was not sent again (this client has not sent the order before; resendAfterPayment 'always' re-adds it)",
      },
    ])
    // The warning names fields, never their values.
    expect(JSON.stringify(report.results[0]?.warnings)).not.toContain('科苑路')
  })

  it('in a new process, re-adds when a field WeChat echoes changed', async () => {
    const fake = fakeWechat()
    await syncOrders({ platform: client(fake), orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: client(fake), orders: [renamed] })
    expect(apiPaths(fake, before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/delivery/send',
    ])
    expect(report.results[0]?.warnings.at(-1)?.message).toContain(
      'other content (order_detail.product_infos[0].title)',
    )
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  it("re-adds an order whose change WeChat cannot show with resendAfterPayment 'always'", async () => {
    const fake = fakeWechat()
    await syncOrders({ platform: client(fake), orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({
      platform: client(fake, { resendAfterPayment: 'always' }),
      orders: [readdressed],
    })
    expect(apiPaths(fake, before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/delivery/send',
    ])
    expect(report.results[0]?.warnings.at(-1)?.message).toContain(
      "the client's resendAfterPayment is 'always' (fields that may differ: create_time, scene, order_detail.pay_info.pay_method_type, address_info)",
    )
    expect(fake.bodies.get('xxxxx')?.address_info).toMatchObject({
      detailed_address: '科苑路 2 号',
    })
  })
})

describe('createWechat: a change of content after payment', () => {
  it('adds the order again and replays pay and delivery/send from 10, ending with the new content in status 30', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    // The page says add leaves status 10: the steps follow without a read in between. The
    // bodies as a reviewer reads them, then the exact bytes sent.
    expect(fake.sent.slice(before).map((entry) => JSON.parse(entry.body))).toMatchInlineSnapshot(`
      [
        {
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "out_order_id": "xxxxx",
        },
        {
          "address_info": {
            "detailed_address": "科苑路 2 号",
            "receiver_name": "张三",
            "tel_number": "13800138000",
          },
          "create_time": "2020-03-25 13:05:25",
          "delivery_detail": {
            "delivery_type": 1,
          },
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "order_detail": {
            "pay_info": {
              "pay_method_type": 0,
              "prepay_id": "42526234625",
              "prepay_time": "2020-03-25 14:04:25",
            },
            "price_info": {
              "additional_price": 200,
              "additional_remarks": "税费",
              "discounted_price": 100,
              "freight": 500,
              "order_price": 1600,
            },
            "product_infos": [
              {
                "head_img": "http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg",
                "out_product_id": "12345",
                "out_sku_id": "23456",
                "path": "pages/productDetail/productDetail?productId=2176180",
                "product_cnt": 10,
                "real_price": 90,
                "sale_price": 100,
                "title": "洗洁精",
              },
            ],
          },
          "out_order_id": "xxxxx",
          "out_user_id": "323232323",
          "path": "/pages/order.html?out_order_id=xxxxx",
          "scene": 1177,
        },
        {
          "action_type": 1,
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "out_order_id": "xxxxx",
          "pay_time": "2020-03-25 14:10:00",
          "transaction_id": "4200000512202003251234567890",
        },
        {
          "delivery_list": [
            {
              "delivery_id": "SF",
              "waybill_id": "SF1234567890",
            },
          ],
          "finish_all_delivery": 1,
          "openid": "oTVP50O53a7jgmawAmxKukNlq3XI",
          "out_order_id": "xxxxx",
          "ship_done_time": "2020-03-26 09:30:00",
        },
      ]
    `)
    expect(calls(fake, before)).toMatchInlineSnapshot(`
      [
        "/shop/order/get {"out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI"}",
        "/shop/order/add {"create_time":"2020-03-25 13:05:25","out_order_id":"xxxxx","openid":"oTVP50O53a7jgmawAmxKukNlq3XI","path":"/pages/order.html?out_order_id=xxxxx","scene":1177,"out_user_id":"323232323","order_detail":{"product_infos":[{"out_product_id":"12345","out_sku_id":"23456","product_cnt":10,"sale_price":100,"real_price":90,"path":"pages/productDetail/productDetail?productId=2176180","title":"洗洁精","head_img":"http://img10.360buyimg.com/n1/s450x450_jfs/t1/85865/39/13611/488083/5e590a40E4bdf69c0/55c9bf645ea2b727.jpg"}],"pay_info":{"pay_method_type":0,"prepay_id":"42526234625","prepay_time":"2020-03-25 14:04:25"},"price_info":{"order_price":1600,"freight":500,"discounted_price":100,"additional_price":200,"additional_remarks":"税费"}},"delivery_detail":{"delivery_type":1},"address_info":{"receiver_name":"张三","detailed_address":"科苑路 2 号","tel_number":"13800138000"}}",
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
          "WeChat held this order in status 30 (待收货, shipped), and other content (address_info): shop/order/add replaced the whole order, which leaves it in 10 (待付款), and the status steps were sent again to bring it back — WeChat has received this order's payment and shipment calls a second time",
      },
    ])
    // The re-add's ticket would make a paid order payable again: it is not handed out.
    expect(result?.status === 'succeeded' && result.platformData).toBeUndefined()
  })

  it('names the changed fields exactly where WeChat’s answer shows them', async () => {
    const fake = fakeWechat({ echoAll: true })
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(report.results[0]?.warnings.at(-1)?.message).toContain(
      'other content (address_info.detailed_address)',
    )
  })

  it('reads the status only when a replayed step answers 100000: a WeChat that keeps 30 after add gets no step again', async () => {
    const fake = fakeWechat({ addKeepsStatus: true })
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(fake.paths().slice(before)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/order/get',
    ])
    expect(report.results[0]?.status).toBe('succeeded')
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
          "WeChat holds this order in status 30 (待收货, shipped) with other content (address_info): shop/order/add was not sent again, since the client's resendAfterPayment is 'never': WeChat keeps the content it has",
      },
    ])
  })

  it('refuses an older version at the same status: it would overwrite the newer content WeChat holds', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [readdressed] })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [shipped] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(report.results[0]).toMatchObject({
      status: 'succeeded',
      warnings: [
        {
          path: ['modifiedAt'],
          code: 'add_not_resent',
          message:
            'this version (modifiedAt 2020-03-25T06:04:25.000Z) is older than the one this client sent last (2020-03-26T02:00:00.000Z): nothing was sent for it, so that it does not overwrite the newer content WeChat holds',
        },
      ],
    })
    expect(fake.bodies.get('xxxxx')?.address_info).toMatchObject({
      detailed_address: '科苑路 2 号',
    })
  })

  it('does not re-add an older version sent after WeChat moved further on', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [readdressed] })
    const before = fake.sent.length
    const older = { ...shipped, status: 'paid' as const }
    const report = await syncOrders({ platform: wechat, orders: [older] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(codes(report.results[0])).toEqual(['add_not_resent'])
    expect(fake.bodies.get('xxxxx')?.address_info).toMatchObject({
      detailed_address: '科苑路 2 号',
    })
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

  it('reports delivery partial, with the abort as the error, when the run is aborted in the middle of the replay', async () => {
    const fake = fakeWechat()
    const controller = new AbortController()
    let armed = false
    const aborting: typeof globalThis.fetch = async (input, init) => {
      const response = await fake.fetch(input, init)
      if (armed && pathOf(input) === '/shop/order/add') controller.abort(new Error('stop'))
      return response
    }
    const wechat = client(fake, { fetch: aborting })
    await syncOrders({ platform: wechat, orders: [shipped] })
    armed = true
    const outcomes = await wechat.doSync([wechat.prepare(parseOrder(readdressed))], {
      signal: controller.signal,
    })
    expect(outcomes[0]).toMatchObject({ status: 'failed', delivery: 'partial' })
    const error = outcomes[0]?.status === 'failed' ? outcomes[0].error : undefined
    expect(error?.message).toContain('abort')
    expect(fake.paths().at(-1)).toBe('/shop/order/add')
    expect(fake.statuses.get('xxxxx')).toBe(10)
  })

  it('refuses an unknown resendAfterPayment at creation', () => {
    expect(() =>
      createWechat({ appId: 'wx1', appSecret: 's', resendAfterPayment: 'sometimes' as never }),
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

describe('createWechat: an order WeChat holds cancelled', () => {
  it('does not re-add an order WeChat holds in 250: add would reopen it as payable', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({
      platform: wechat,
      orders: [{ ...documentOrder, status: 'cancelled_before_payment' }],
    })
    const before = fake.sent.length
    const renamedLater = {
      ...documentOrder,
      status: 'cancelled_before_payment' as const,
      modifiedAt: '2020-03-26T10:00:00+08:00',
      lines: documentOrder.lines.map((line) => ({ ...line, name: '洗洁精 1.5L' })),
    }
    const report = await syncOrders({ platform: wechat, orders: [renamedLater] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(report.results[0]?.warnings).toEqual([
      {
        path: ['status'],
        code: 'add_not_resent',
        message:
          'WeChat holds this order in status 250 (取消, cancelled) with other content (order_detail.product_infos[0].title): shop/order/add was not sent again, since the status is final: add would reopen the order, payable again (status 10, a new ticket)',
      },
    ])
    expect(fake.statuses.get('xxxxx')).toBe(250)
  })

  it('keeps WeChat’s cancelled order when the version is paid, with a warning, and sends nothing', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({
      platform: wechat,
      orders: [{ ...documentOrder, status: 'cancelled_before_payment' }],
    })
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [shipped] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(report.results[0]).toMatchObject({
      status: 'succeeded',
      warnings: [
        {
          path: ['status'],
          code: 'status_final',
          message:
            'WeChat holds this order in status 250 (取消, cancelled), a final status, and this version is 30 (待收货, shipped): only shop/order/add would move it, reopening it as payable (status 10, a new ticket), so nothing was sent and WeChat keeps its order',
        },
      ],
    })
    expect(fake.statuses.get('xxxxx')).toBe(250)
  })

  it('does not re-add an order WeChat holds in 200 (cancelled through after-sale)', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    fake.statuses.set('xxxxx', 200)
    const before = fake.sent.length
    const report = await syncOrders({ platform: wechat, orders: [readdressed] })
    expect(fake.paths().slice(before)).toEqual(['/shop/order/get'])
    expect(codes(report.results[0])).toEqual(['add_not_resent', 'status_final'])
    expect(fake.statuses.get('xxxxx')).toBe(200)
  })
})

describe('createWechat: a step that reached WeChat although its answer was lost', () => {
  it('reads the status after a 100000 and goes on from there: pay applied, its 504 retried', async () => {
    const fake = fakeWechat()
    let lost = 0
    const losing: typeof globalThis.fetch = async (input, init) => {
      const response = await fake.fetch(input, init)
      if (pathOf(input) === '/shop/order/pay' && lost === 0) {
        lost += 1
        return new Response('gateway timeout', { status: 504 })
      }
      return response
    }
    const report = await syncOrders({
      platform: client(fake, { fetch: losing }),
      orders: [shipped],
      lateArrivalMs: 50,
    })
    // The 504'd pay might still have landed after delivery/send: once it no longer can, the
    // order is synced again — a read that finds it shipped, and nothing more to send.
    expect(fake.paths().slice(1)).toEqual([
      '/shop/order/get',
      '/shop/order/add',
      '/shop/order/pay',
      '/shop/order/pay',
      '/shop/order/get',
      '/shop/delivery/send',
      '/shop/order/get',
    ])
    expect(report.results[0]?.status).toBe('succeeded')
    expect(fake.statuses.get('xxxxx')).toBe(30)
  })

  // The read after a 100000 carries no order: when it fails, the step's refusal is what says what
  // WeChat holds (before, the read's 503 made the order `uncertain`, though nothing of this sync
  // could have been stored).
  it('keeps the step’s refusal when the status read after its 100000 fails: rejected, not the read’s label', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [{ ...shipped, status: 'paid' }] })
    expect(fake.statuses.get('xxxxx')).toBe(20)
    let gets = 0
    const failing: typeof globalThis.fetch = async (input, init) => {
      const path = pathOf(input)
      if (path === '/shop/delivery/send')
        return Response.json({ errcode: 100000, errmsg: 'order status error' })
      if (path === '/shop/order/get') gets += 1
      if (path === '/shop/order/get' && gets > 1) return new Response('busy', { status: 503 })
      return fake.fetch(input, init)
    }
    const before = fake.sent.length
    const report = await syncOrders({
      platform: client(fake, { fetch: failing }),
      orders: [shipped],
    })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'rejected',
      '[ordersync] [wechat] /shop/delivery/send: order status error — re-sync the order: ordersync reads the status first and sends only the steps that are left (100000)',
    ])
    // The fake saw the first read alone (the step and the reads after it are answered above): no
    // add; then three attempts of the read after the 100000.
    expect(apiPaths(fake, before)).toEqual(['/shop/order/get'])
    expect(gets).toBe(4)
  })
})

describe('createWechat: the words of a status WeChat holds past the version', () => {
  it('says that a refunded order can only be shown as 20, not that it is an older version', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const refunded = {
      ...shipped,
      status: 'refunded' as const,
      modifiedAt: '2020-03-27T10:00:00+08:00',
    }
    const report = await syncOrders({ platform: wechat, orders: [refunded] })
    expect(report.results[0]?.warnings.find((warning) => warning.code === 'status_behind')).toEqual(
      {
        path: ['status'],
        code: 'status_behind',
        message:
          'this version is refunded, which WeChat can show only as 20 (cancelling or refunding a paid order takes its after-sale API), and WeChat holds 30 (待收货, shipped): nothing moves an order back, so the status was left as it is',
      },
    )
  })
})
