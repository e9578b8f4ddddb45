import { ApiCallError, syncOrders } from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { bigOrderId, client, documentOrder, fakeWechat, shipped } from './test/fake-wechat.ts'
import { wechatDocumentRequest } from './test/wechat-document-request.ts'

// The answer of the "生成订单" page (返回示例), as WeChat writes it: order_id a bare uint64, the
// ticket of the ticket payment scheme, and final_price 10500 — which is not the order_price 1600
// its own Example I sends.
const pageAnswer =
  '{"errcode":0,"errmsg":"ok","data":{"order_id":32434234,"out_order_id":"xxxxx","ticket":"xxxxxxx","ticket_expire_time":"2020-12-01 00:00:00","final_price":10500}}'
const answerWithOrderId = (written: string) =>
  `{"errcode":0,"errmsg":"ok","data":{"order_id":${written},"out_order_id":"xxxxx","ticket":"ticket-1","ticket_expire_time":"2020-03-26 13:05:25","final_price":1600}}`

describe('createWechat: order_id read as the page types it (uint64)', () => {
  it.each([
    ['1.5e3', 'has an exponent'],
    ['-5', 'has a sign'],
    ['"-5"', 'has a sign'],
    ['0.5', 'has a fraction'],
    ['"0123"', 'has a leading zero'],
    ['123456789012345678901', "has 21 digits, more than a uint64's 20"],
    ['18446744073709551616', 'is above the uint64 maximum 18446744073709551615'],
  ])('reports order_id %s as a warning naming it, never as a cut id', async (written, reason) => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: answerWithOrderId(written) })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status === 'succeeded' && result.platformIds).toEqual({ out_order_id: 'xxxxx' })
    expect(result?.warnings.filter((warning) => warning.code === 'value_invalid')).toEqual([
      {
        path: ['id'],
        code: 'value_invalid',
        message: `WeChat answered order_id ${JSON.stringify(written)}, which ${reason}: order_id is a uint64, so it is not reported (the order is known by out_order_id)`,
      },
    ])
  })

  it('fails naming order_id when a leading zero makes the answer unreadable JSON, and says WeChat may hold the order', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: answerWithOrderId('0123') })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status === 'failed' && ApiCallError.isInstance(result.error)).toBe(true)
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'uncertain',
      '[ordersync] [wechat] /shop/order/add: WeChat answered errcode 0 with order_id 0123, which has a leading zero: order_id is a uint64, and the answer is not JSON, so nothing of it can be read — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    ])
  })

  it('reports it through api.addOrder and api.getOrder as a warning at the answer’s own path', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: answerWithOrderId('-5') })
    const wechat = client(fake)
    const { result, warnings } = await wechat.api.addOrder(wechatDocumentRequest)
    expect(result).toEqual({
      outOrderId: 'xxxxx',
      ticket: 'ticket-1',
      ticketExpireTime: '2020-03-26 13:05:25',
      finalPrice: 1600,
    })
    expect(warnings.map((warning) => [warning.path.join('.'), warning.code])).toEqual([
      ['order_detail.product_infos', 'sum_mismatch'],
      ['data.order_id', 'value_invalid'],
    ])
    fake.answer('/shop/order/get', {
      body: '{"errcode":0,"errmsg":"ok","order":{"order_id":1.5e3,"out_order_id":"xxxxx","status":10}}',
    })
    const record = await wechat.api.getOrder({ out_order_id: 'xxxxx', openid: 'o' })
    expect([record.orderId, record.warnings.map((warning) => warning.path.join('.'))]).toEqual([
      undefined,
      ['order.order_id'],
    ])
  })
})

describe('createWechat: the answer checked against the request', () => {
  it('warns when final_price is not the order_price sent: the page’s own answer (10500) to its Example I (1600)', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: pageAnswer })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status).toBe('succeeded')
    expect(result?.status === 'succeeded' && result.platformIds).toEqual({
      out_order_id: 'xxxxx',
      order_id: '32434234',
    })
    expect(result?.warnings.filter((warning) => warning.code === 'final_price_mismatch')).toEqual([
      {
        path: ['payableAmount'],
        code: 'final_price_mismatch',
        message:
          'WeChat answered final_price 10500 fen for the order sent with order_price 1600 fen: WeChat holds another total — check the price rules of shop/order/add',
      },
    ])
  })

  it('fails the order when the answer is about another out_order_id, and sends no status step', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: pageAnswer.replace('"xxxxx"', '"yyyyy"') })
    const report = await syncOrders({ platform: client(fake), orders: [shipped] })
    const result = report.results[0]
    expect(result?.status === 'failed' && ApiCallError.isInstance(result.error)).toBe(true)
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'uncertain',
      '[ordersync] [wechat] /shop/order/add: WeChat answered out_order_id "yyyyy" for the order sent as "xxxxx": the answer is about another order, so its order_id and ticket were not taken and no status step was sent — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    ])
    expect(fake.paths().slice(1)).toEqual(['/shop/order/get', '/shop/order/add'])
  })

  it('throws the same error from api.addOrder', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: pageAnswer.replace('"xxxxx"', '"yyyyy"') })
    await expect(client(fake).api.addOrder(wechatDocumentRequest)).rejects.toMatchObject({
      name: 'ApiCallError',
      delivery: 'uncertain',
      retryable: false,
    })
  })
})

describe('createWechat: the ticket payment scheme', () => {
  it('gives the ticket and its expiry to the caller in the syncOrders result', async () => {
    const fake = fakeWechat()
    fake.answer('/shop/order/add', { body: pageAnswer })
    const report = await syncOrders({ platform: client(fake), orders: [documentOrder] })
    const result = report.results[0]
    expect(result?.status === 'succeeded' && result.platformData).toEqual({
      ticket: 'xxxxxxx',
      ticket_expire_time: '2020-12-01 00:00:00',
    })
  })

  it('gives none when add was not sent (WeChat holds the paid order as it is)', async () => {
    const fake = fakeWechat()
    const wechat = client(fake)
    await syncOrders({ platform: wechat, orders: [shipped] })
    const again = await syncOrders({ platform: wechat, orders: [shipped] })
    const result = again.results[0]
    expect(result?.status === 'succeeded' && 'platformData' in result).toBe(false)
    expect(result?.status === 'succeeded' && result.platformIds).toEqual({
      out_order_id: 'xxxxx',
      order_id: bigOrderId,
    })
  })
})
