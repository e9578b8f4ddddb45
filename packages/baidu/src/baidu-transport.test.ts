import {
  ApiCallError,
  type OrderInput,
  type RequestEvent,
  type ResponseEvent,
  syncOrders,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { createBaidu } from './baidu-client.ts'
import { baiduDocumentOrder } from './baidu-document-order.ts'

// What the client makes of the order center's answers, through the transport: a 2xx it cannot
// read leaves the order uncertain (Baidu processed the request and may hold it), a row that says
// "0" rows affected is a refusal, and nothing personal of the order comes back in an echo.

const fixed = {
  appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg',
  appSecret: 'fixed-app-secret-3a7e',
  paymentAppKey: 'MMUfixedpaymentkey',
}

const order: OrderInput = {
  ...baiduDocumentOrder,
  buyer: { platformUserId: 'k5nF3wqL9' },
  payments: [
    {
      method: 'online',
      amount: { amount: 2390, currency: 'CNY' },
      paidAt: 1_233_212_343_000,
      transactionId: '15925907919',
    },
  ],
}

/** A fetch that issues a token and answers every order-center call with `answer`'s text. */
function answering(answer: (request: Request, body: string) => string | Promise<string>) {
  const sent: string[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    sent.push(new URL(request.url).pathname)
    const text = new URL(request.url).pathname.startsWith('/oauth/')
      ? JSON.stringify({ access_token: '24.fixed-token.2592000', expires_in: 2592000 })
      : await answer(request, await request.text())
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  return { fetch, sent }
}

const row = (rowsAffected: Record<string, unknown>) =>
  JSON.stringify({
    errno: 0,
    msg: 'success',
    data: [
      { biz_app_id: fixed.appKey, cate_id: '1', resource_id: '2221554346520', ...rowsAffected },
    ],
  })

describe('createBaidu: a 2xx answer that cannot be read', () => {
  it.each([
    ['truncated JSON', '{"errno":0,"msg":"success","data":[{"resource_id":"2221554346520","rows_'],
    ['errno as a string', '{"errno":"0","msg":"success","data":[]}'],
    ['neither envelope', '{"ok":true}'],
    ['a list', '[{"errno":0}]'],
    ['null', 'null'],
    ['data not a list', '{"errno":0,"msg":"success","data":"1"}'],
    ['rows_affected missing', row({})],
    ['rows_affected empty', row({ rows_affected: '' })],
    ['rows_affected null', row({ rows_affected: null })],
    ['rows_affected not a count', row({ rows_affected: 'ok' })],
    ['rows_affected negative', row({ rows_affected: -1 })],
    ['rows_affected fractional', row({ rows_affected: 0.5 })],
  ])('leaves the order uncertain, never rejected nor succeeded: %s', async (_, text) => {
    const { fetch, sent } = answering(() => text)
    const report = await syncOrders({ platform: createBaidu({ ...fixed, fetch }), orders: [order] })
    const result = report.results[0]
    expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
    expect(report.uncertain).toBe(1)
    // Not retried: a definite answer that could not be read, not a temporary one.
    expect(sent).toEqual(['/oauth/2.0/token', '/rest/2.0/smartapp/ordercenter/app/add/main/info'])
  })

  it('leaves an api call uncertain too: its error says Baidu may hold what it carried', async () => {
    const { fetch } = answering(() => '{"errno":"0","msg":"success"}')
    const call = createBaidu({ ...fixed, fetch }).api.updateMainStatus({
      query: { open_id: 'k5nF3wqL9' },
      body: {
        Data: [{ CateID: 1, BizAPPID: fixed.appKey, ResourceID: '2221554346520', Status: 6 }],
      },
    })
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(ApiCallError.isInstance(error) && [error.delivery, error.retryable]).toEqual([
      'uncertain',
      false,
    ])
  })

  it.each([
    ['"0"', '0'],
    ['0', 0],
    ['"00"', '00'],
  ])('reads rows_affected %s as a refusal of the order: rejected', async (_, rowsAffected) => {
    const { fetch } = answering(() => row({ rows_affected: rowsAffected }))
    const report = await syncOrders({ platform: createBaidu({ ...fixed, fetch }), orders: [order] })
    const result = report.results[0]
    expect(result?.status === 'failed' && [result.delivery, result.error.message]).toEqual([
      'rejected',
      '[ordersync] [baidu] /rest/2.0/smartapp/ordercenter/app/add/main/info: Baidu did not store ResourceID "2221554346520" (rows_affected "0") although errno is 0 — check the order\'s BizAPPID, CateID and Status, and the open_id or swan_id (rows_affected_0)',
    ])
  })

  it.each([
    ['"1"', '1'],
    ['1', 1],
  ])('reads rows_affected %s as the order applied', async (_, rowsAffected) => {
    const { fetch } = answering(() => row({ rows_affected: rowsAffected }))
    const report = await syncOrders({ platform: createBaidu({ ...fixed, fetch }), orders: [order] })
    expect(report.results[0]?.status).toBe('succeeded')
  })
})

describe('createBaidu: personal data', () => {
  // Names, an address and an email the canonical order holds: Baidu's wire has no field for any
  // of them (nor for a phone number), so none is sent, and none can come back.
  const personal = {
    buyerName: '陈静怡',
    buyerEmail: 'jingyi.chen@example.cn',
    buyerPhone: '13912345678',
    receiverName: 'Maria Dela Cruz',
    receiverPhone: '13787654321',
    street: '88 Ayala Avenue, Tower 2',
  }
  const personalOrder: OrderInput = {
    ...order,
    type: 'shipping',
    buyer: {
      platformUserId: 'k5nF3wqL9',
      name: personal.buyerName,
      email: personal.buyerEmail,
      phone: personal.buyerPhone,
    },
    delivery: {
      address: {
        name: personal.receiverName,
        phone: personal.receiverPhone,
        province: '广东省',
        city: '深圳市',
        line1: personal.street,
      },
    },
  }

  it.each([true, false])(
    'an answer echoing the request leaks none of the order’s personal values (redactPersonalData: %s)',
    async (redactPersonalData) => {
      const echoed: string[] = []
      const { fetch } = answering((request, body) => {
        const text = `${request.url} ${body}`
        echoed.push(text)
        return JSON.stringify({ errno: 1002, msg: text })
      })
      const events: (RequestEvent | ResponseEvent)[] = []
      const report = await syncOrders({
        platform: createBaidu({
          ...fixed,
          fetch,
          redactPersonalData,
          hooks: {
            onRequest: (event) => events.push(event),
            onResponse: (event) => events.push(event),
          },
        }),
        orders: [personalOrder],
      })
      const result = report.results[0]
      expect(result?.status === 'failed' && result.error.message).toContain(
        'rest/2.0/smartapp/ordercenter/app/add/main/info?access_token=',
      )
      const text = JSON.stringify({
        events,
        results: report.results.map((each) =>
          each.status === 'failed'
            ? { ...each, error: { ...each.error, message: each.error.message } }
            : each,
        ),
      })
      expect(echoed).toHaveLength(1)
      for (const value of Object.values(personal)) {
        expect(echoed[0]).not.toContain(value)
        expect(text).not.toContain(value)
      }
      // The buyer's open id is an id Baidu's query carries, not personal data by these rules.
      expect(echoed[0]).toContain('open_id=k5nF3wqL9')
    },
  )
})
