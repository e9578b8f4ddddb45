import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  maxModifierDepth,
  type OrderInput,
  syncOrders,
  ValidationError,
} from '@ordersync/core'
import { createWixtarSandboxModule, startSandbox } from '@ordersync/sandbox'
import { describe, expect, it } from 'vitest'
import { nestedGroupsPath, nestedWixtarItem } from './test/nested-wixtar-item.ts'
import { wixtarDocumentRequest } from './test/wixtar-document-request.ts'
import { createWixtar, type WixtarSettings } from './wixtar-client.ts'
import { wixtarDocumentOrder } from './wixtar-document-order.ts'
import { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'
import { wixtarOrderSchema } from './wixtar-order-schema.ts'

const tokenURL = 'https://login.tenant.example/oauth/v1/token'
const baseURL = 'https://omni.tenant.example'

interface Sent {
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
  readonly body: string
}

/**
 * A fetch that records every request. The token endpoint issues `token-1`, `token-2`, …; the
 * upload answers with the next of `uploads` (a status and a body), then HTTP 200 `{}`.
 */
function recordingFetch(
  uploads: readonly { readonly status: number; readonly body: string }[] = [],
  token: { readonly status: number; readonly body?: string } = { status: 200 },
) {
  const sent: Sent[] = []
  let tokens = 0
  let answered = 0
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    sent.push({
      url: request.url,
      method: request.method,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    })
    const json = { 'content-type': 'application/json' }
    if (request.url === tokenURL) {
      if (token.status !== 200) {
        return new Response(token.body ?? '', { status: token.status, headers: json })
      }
      tokens += 1
      return new Response(
        JSON.stringify({
          access_token: `token-${tokens}`,
          expires_in: 2592000,
          token_type: 'Bearer',
          scope: 'api',
        }),
        { status: 200, headers: json },
      )
    }
    const answer = uploads[answered] ?? { status: 200, body: '{}' }
    answered += 1
    return new Response(answer.body === '' ? null : answer.body, {
      status: answer.status,
      headers: json,
    })
  }
  return { fetch, sent, uploads: () => sent.filter((entry) => entry.url !== tokenURL) }
}

function client(fetch: typeof globalThis.fetch, overrides: Partial<WixtarSettings> = {}) {
  return createWixtar({
    clientId: 'client-42',
    clientSecret: 'the-client-secret-value',
    tokenURL,
    baseURL,
    fetch,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    ...overrides,
  })
}

const completed = (id: string): OrderInput => ({ ...wixtarDocumentOrder, id })

describe('createWixtar', () => {
  it('sends exactly these bytes: the token form, then the upload with its Bearer token', async () => {
    const { fetch, sent } = recordingFetch()
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
    expect(sent.map(({ method, url }) => `${method} ${url}`)).toEqual([
      `POST ${tokenURL}`,
      `POST ${baseURL}/v1/data_center/order/upload`,
    ])
    expect(sent[0]?.headers).toMatchInlineSnapshot(`
      {
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "ordersync/wixtar/0.0.0-test",
      }
    `)
    expect(sent[0]?.body).toMatchInlineSnapshot(
      `"client_id=client-42&client_secret=the-client-secret-value&grant_type=client_credentials&scope=api"`,
    )
    expect(Object.fromEntries(new URLSearchParams(sent[0]?.body))).toMatchInlineSnapshot(`
      {
        "client_id": "client-42",
        "client_secret": "the-client-secret-value",
        "grant_type": "client_credentials",
        "scope": "api",
      }
    `)
    expect(sent[1]?.headers).toMatchInlineSnapshot(`
      {
        "authorization": "Bearer token-1",
        "content-type": "application/json",
        "user-agent": "ordersync/wixtar/0.0.0-test",
      }
    `)
    expect(sent[1]?.body).toMatchInlineSnapshot(
      `"{"orders":[{"order_id":"tywn21072900008","current_state":"COMPLETED","paid":true,"placed_at":"2020-05-01T22:25:49Z","pickup_at":"2020-05-01T22:25:49Z","type":"DELIVERY","store":{"id":"A01","name":"Tainan Store","group":"Singapore","company":"Epoint"},"customer":{"name":"Wang Daming","mobile":"0910123456","address":"No. 999, Jiankang 3rd Street, Anping District, Tainan City"},"payments":[{"type":"CASH","payment_amount":1000}],"charges":{"total":{"amount":1100,"currency_code":"TWD","formatted_amount":"1100"},"sub_total":{"amount":1000,"currency_code":"TWD","formatted_amount":"1000"},"discount":{"amount":100,"currency_code":"TWD","formatted_amount":"100"},"total_fee":{"amount":1000,"currency_code":"TWD","formatted_amount":"1000"}},"cart":{"items":[{"id":"P001","title":"Stir-fried bean buns with tomato kimchi","quantity":2,"price":{"unit_price":{"amount":40000,"currency_code":"TWD","formatted_amount":"400"},"total_price":{"amount":80000,"currency_code":"TWD","formatted_amount":"800"}},"selected_modifier_groups":[{"id":"1","title":"spicy","selected_items":[{"id":"1-1","title":"small spicy","quantity":1,"price":{"unit_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"},"total_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"}}}]}]},{"id":"P002","title":"Fried Rice with Perilla Seed Oil and Fermented Bean Curd","quantity":1,"price":{"unit_price":{"amount":20000,"currency_code":"TWD","formatted_amount":"200"},"total_price":{"amount":20000,"currency_code":"TWD","formatted_amount":"200"}},"selected_modifier_groups":[{"id":"2","title":"add rice","selected_items":[{"id":"2-1","title":"rice","quantity":1,"price":{"unit_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"},"total_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"}}}]},{"id":"3","title":"add pepper","selected_items":[{"id":"3-1","title":"pepper","quantity":0,"price":{"unit_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"},"total_price":{"amount":0,"currency_code":"TWD","formatted_amount":"0"}}}]}]}]},"source_type":"APP"}]}"`,
    )
    expect(JSON.parse(sent[1]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "orders": [
          {
            "cart": {
              "items": [
                {
                  "id": "P001",
                  "price": {
                    "total_price": {
                      "amount": 80000,
                      "currency_code": "TWD",
                      "formatted_amount": "800",
                    },
                    "unit_price": {
                      "amount": 40000,
                      "currency_code": "TWD",
                      "formatted_amount": "400",
                    },
                  },
                  "quantity": 2,
                  "selected_modifier_groups": [
                    {
                      "id": "1",
                      "selected_items": [
                        {
                          "id": "1-1",
                          "price": {
                            "total_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                            "unit_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                          },
                          "quantity": 1,
                          "title": "small spicy",
                        },
                      ],
                      "title": "spicy",
                    },
                  ],
                  "title": "Stir-fried bean buns with tomato kimchi",
                },
                {
                  "id": "P002",
                  "price": {
                    "total_price": {
                      "amount": 20000,
                      "currency_code": "TWD",
                      "formatted_amount": "200",
                    },
                    "unit_price": {
                      "amount": 20000,
                      "currency_code": "TWD",
                      "formatted_amount": "200",
                    },
                  },
                  "quantity": 1,
                  "selected_modifier_groups": [
                    {
                      "id": "2",
                      "selected_items": [
                        {
                          "id": "2-1",
                          "price": {
                            "total_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                            "unit_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                          },
                          "quantity": 1,
                          "title": "rice",
                        },
                      ],
                      "title": "add rice",
                    },
                    {
                      "id": "3",
                      "selected_items": [
                        {
                          "id": "3-1",
                          "price": {
                            "total_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                            "unit_price": {
                              "amount": 0,
                              "currency_code": "TWD",
                              "formatted_amount": "0",
                            },
                          },
                          "quantity": 0,
                          "title": "pepper",
                        },
                      ],
                      "title": "add pepper",
                    },
                  ],
                  "title": "Fried Rice with Perilla Seed Oil and Fermented Bean Curd",
                },
              ],
            },
            "charges": {
              "discount": {
                "amount": 100,
                "currency_code": "TWD",
                "formatted_amount": "100",
              },
              "sub_total": {
                "amount": 1000,
                "currency_code": "TWD",
                "formatted_amount": "1000",
              },
              "total": {
                "amount": 1100,
                "currency_code": "TWD",
                "formatted_amount": "1100",
              },
              "total_fee": {
                "amount": 1000,
                "currency_code": "TWD",
                "formatted_amount": "1000",
              },
            },
            "current_state": "COMPLETED",
            "customer": {
              "address": "No. 999, Jiankang 3rd Street, Anping District, Tainan City",
              "mobile": "0910123456",
              "name": "Wang Daming",
            },
            "order_id": "tywn21072900008",
            "paid": true,
            "payments": [
              {
                "payment_amount": 1000,
                "type": "CASH",
              },
            ],
            "pickup_at": "2020-05-01T22:25:49Z",
            "placed_at": "2020-05-01T22:25:49Z",
            "source_type": "APP",
            "store": {
              "company": "Epoint",
              "group": "Singapore",
              "id": "A01",
              "name": "Tainan Store",
            },
            "type": "DELIVERY",
          },
        ],
      }
    `)
  })

  it('sends the amounts of each group in the unit its setting names', async () => {
    const { fetch, uploads } = recordingFetch()
    await syncOrders({
      platform: client(fetch, { amountScale: { charges: 'minor', payments: 'minor' } }),
      orders: [wixtarDocumentOrder],
    })
    const body = JSON.parse(uploads()[0]?.body ?? '{}')
    expect(body.orders[0].charges.total).toEqual({
      amount: 110000,
      currency_code: 'TWD',
      formatted_amount: '1100',
    })
    expect(body.orders[0].payments).toEqual([{ type: 'CASH', payment_amount: 100000 }])
    expect(body.orders[0].cart.items[0].price.unit_price).toEqual({
      amount: 40000,
      currency_code: 'TWD',
      formatted_amount: '400',
    })
  })

  it('fetches one token for many concurrent uploads, and keeps it', async () => {
    const { fetch, sent } = recordingFetch()
    const wixtar = client(fetch, { maxBatchSize: 1 })
    const report = await syncOrders({
      platform: wixtar,
      orders: Array.from({ length: 6 }, (_, index) => completed(`o-${index}`)),
      concurrency: 6,
    })
    expect(report.succeeded).toBe(6)
    expect(sent.filter((entry) => entry.url === tokenURL)).toHaveLength(1)
    expect(new Set(sent.slice(1).map((entry) => entry.headers.authorization))).toEqual(
      new Set(['Bearer token-1']),
    )
  })

  it('on HTTP 401 expires that token, fetches a new one and replays once', async () => {
    const { fetch, sent } = recordingFetch([
      { status: 401, body: '{"message":"Unauthenticated."}' },
    ])
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    expect(report.succeeded).toBe(1)
    expect(sent.map((entry) => entry.headers.authorization ?? 'token request')).toEqual([
      'token request',
      'Bearer token-1',
      'token request',
      'Bearer token-2',
    ])
  })

  it('fails with an AuthenticationError when the new token is refused too', async () => {
    const { fetch, uploads } = recordingFetch([
      { status: 401, body: '' },
      { status: 401, body: '' },
    ])
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    if (result?.status !== 'failed') return
    expect(AuthenticationError.isInstance(result.error)).toBe(true)
    expect(uploads()).toHaveLength(2)
  })

  it('retries 429 and 5xx, and succeeds on a 2xx without a body', async () => {
    const { fetch, uploads } = recordingFetch([
      { status: 429, body: '' },
      { status: 503, body: '<html>busy</html>' },
      { status: 204, body: '' },
    ])
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    expect(report.succeeded).toBe(1)
    expect(uploads()).toHaveLength(3)
  })

  it("keeps the status and a redacted excerpt of the body of an error, without the buyer's number", async () => {
    const { fetch, uploads } = recordingFetch([
      {
        status: 422,
        body: '{"error":"invalid customer","detail":"mobile 0910123456 is not valid for order tywn21072900008"}',
      },
    ])
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    if (result?.status !== 'failed') return
    expect(uploads()).toHaveLength(1)
    expect(ApiCallError.isInstance(result.error)).toBe(true)
    const error = result.error as ApiCallError
    expect(error.httpStatus).toBe(422)
    expect(error.retryable).toBe(false)
    // 422 is not in Wixtar's table: a refusal the client cannot place, the order's or a setting's.
    expect(error.concerns).toBe('unknown')
    expect(result.delivery).toBe('rejected')
    expect(error.message).toContain('HTTP 422 with a body beginning')
    expect(error.message).toContain('invalid customer')
    expect(error.message).not.toContain('0910123456')
    expect(error.responseBody).toContain('is not valid for order tywn21072900008')
    expect(error.responseBody).not.toContain('0910123456')
  })

  it('says a 403 or 404 concerns the configuration, and the run sends nothing more', async () => {
    for (const status of [403, 404]) {
      const { fetch, uploads } = recordingFetch([{ status, body: '' }])
      const report = await syncOrders({
        platform: client(fetch, { maxBatchSize: 1 }),
        orders: [completed('a'), completed('b'), completed('c')],
        concurrency: 1,
      })
      expect(uploads()).toHaveLength(1)
      expect(report.failed).toBe(3)
      const [first, ...rest] = report.results
      expect(first?.status).toBe('failed')
      if (first?.status !== 'failed') return
      expect((first.error as ApiCallError).concerns).toBe('configuration')
      expect((first.error as ApiCallError).httpStatus).toBe(status)
      expect(first.delivery).toBe('rejected')
      expect(
        rest.map((result) => (result.status === 'failed' ? result.delivery : result.status)),
      ).toEqual(['not_sent', 'not_sent'])
    }
  })

  it('reports refused client credentials as an AuthenticationError, the order not sent, without the secret', async () => {
    const { fetch, sent } = recordingFetch([], {
      status: 401,
      body: '{"error":"invalid_client","echo":"the-client-secret-value"}',
    })
    const report = await syncOrders({ platform: client(fetch), orders: [wixtarDocumentOrder] })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    if (result?.status !== 'failed') return
    expect(sent).toHaveLength(1)
    expect(result.error.message).toContain('check clientId and clientSecret')
    expect(JSON.stringify({ ...result.error, message: result.error.message })).not.toContain(
      'the-client-secret-value',
    )
    expect(AuthenticationError.isInstance(result.error)).toBe(true)
    expect(result.delivery).toBe('not_sent')
  })

  it('reports an open order as not reportable yet, and sends nothing for it', async () => {
    const { fetch, sent } = recordingFetch()
    const report = await syncOrders({
      platform: client(fetch),
      orders: [{ ...wixtarDocumentOrder, id: 'open', status: 'delivered' }, completed('done')],
    })
    const [open, done] = report.results
    expect(done?.status).toBe('succeeded')
    expect(open?.status).toBe('failed')
    if (open?.status !== 'failed') return
    expect(WixtarNotReportableError.isInstance(open.error)).toBe(true)
    expect(open.delivery).toBe('not_sent')
    expect(open.error.message).toBe(
      "[ordersync] [wixtar] status: is delivered, and Wixtar's upload takes only finished orders (COMPLETED or CANCELLED): nothing was sent — sync the order again once it is completed or cancelled",
    )
    const bodies = sent.filter((entry) => entry.url !== tokenURL).map((entry) => entry.body)
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).not.toContain('"open"')
  })

  it('uploads at most maxBatchSize orders per call (50 by default)', async () => {
    const orders = Array.from({ length: 101 }, (_, index) => completed(`o-${index}`))
    const defaults = recordingFetch()
    await syncOrders({ platform: client(defaults.fetch), orders, concurrency: 1 })
    expect(defaults.uploads().map((entry) => JSON.parse(entry.body).orders.length)).toEqual([
      50, 50, 1,
    ])
    const small = recordingFetch()
    await syncOrders({
      platform: client(small.fetch, { maxBatchSize: 40 }),
      orders,
      concurrency: 1,
    })
    expect(small.uploads().map((entry) => JSON.parse(entry.body).orders.length)).toEqual([
      40, 40, 21,
    ])
  })

  it('names the missing or malformed setting', () => {
    const { fetch } = recordingFetch()
    const settings: WixtarSettings = {
      clientId: 'c',
      clientSecret: 's',
      tokenURL,
      baseURL,
      fetch,
    }
    const failure = (overrides: Record<string, unknown>) => {
      try {
        createWixtar({ ...settings, ...overrides } as WixtarSettings)
      } catch (error) {
        expect(InvalidArgumentError.isInstance(error)).toBe(true)
        return (error as InvalidArgumentError).argument
      }
      return 'no error'
    }
    expect(failure({ clientId: undefined })).toBe('clientId')
    expect(failure({ clientSecret: '' })).toBe('clientSecret')
    expect(failure({ tokenURL: undefined })).toBe('tokenURL')
    expect(failure({ tokenURL: 'https://login.tenant.example' })).toBe('tokenURL')
    expect(failure({ tokenURL: 'login.tenant.example/oauth/v1/token' })).toBe('tokenURL')
    expect(failure({ baseURL: undefined })).toBe('baseURL')
    expect(failure({ baseURL: 'ftp://omni.tenant.example' })).toBe('baseURL')
    expect(failure({ maxBatchSize: 0 })).toBe('maxBatchSize')
    expect(failure({ maxBatchSize: 2.5 })).toBe('maxBatchSize')
    expect(failure({ amountScale: { items: 'cents' } })).toBe('amountScale.items')
    expect(failure({})).toBe('no error')
  })
})

describe('api.uploadOrders', () => {
  it("accepts the document's own example, warning where its sums break in minor units everywhere", async () => {
    const { fetch, uploads } = recordingFetch([{ status: 200, body: '{"status":"ok"}' }])
    const { status, response, warnings } = await client(fetch, {
      amountScale: { charges: 'minor', items: 'minor', payments: 'minor' },
    }).api.uploadOrders(wixtarDocumentRequest)
    expect(status).toBe(200)
    expect(response).toEqual({ status: 'ok' })
    expect(JSON.parse(uploads()[0]?.body ?? '')).toEqual(wixtarDocumentRequest)
    expect(warnings).toMatchInlineSnapshot(`
      [
        {
          "code": "format_mismatch",
          "message": "is "1100" but amount 1100 in minor units is 11 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "total",
            "formatted_amount",
          ],
        },
        {
          "code": "format_mismatch",
          "message": "is "1100" but amount 1100 in minor units is 11 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "sub_total",
            "formatted_amount",
          ],
        },
        {
          "code": "format_mismatch",
          "message": "is "100" but amount 100 in minor units is 1 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "discount",
            "formatted_amount",
          ],
        },
        {
          "code": "format_mismatch",
          "message": "is "1000" but amount 1000 in minor units is 10 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "total_fee",
            "formatted_amount",
          ],
        },
        {
          "code": "sum_mismatch",
          "message": "is 11 TWD but the items' total_price add up to 1000 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "sub_total",
          ],
        },
      ]
    `)
  })

  it("warns only about the sub_total in the default units, the example's own", async () => {
    const { fetch } = recordingFetch()
    const { warnings } = await client(fetch).api.uploadOrders(wixtarDocumentRequest)
    expect(warnings).toMatchInlineSnapshot(`
      [
        {
          "code": "sum_mismatch",
          "message": "is 1100 TWD but the items' total_price add up to 1000 TWD",
          "path": [
            "orders",
            0,
            "charges",
            "sub_total",
          ],
        },
      ]
    `)
  })

  it('refuses a request that breaks the document, listing every problem, and sends nothing', async () => {
    const { fetch, sent } = recordingFetch()
    const order = wixtarDocumentRequest.orders[0]
    if (order === undefined) throw new Error('the example has an order')
    const bad = {
      orders: [
        {
          ...order,
          current_state: 'PAID',
          store: { id: 'A01' },
          placed_at: '2020-05-01 22:25:49',
        },
      ],
    }
    const error = await client(fetch)
      .api.uploadOrders(bad as never)
      .catch((caught: unknown) => caught)
    expect(ValidationError.isInstance(error)).toBe(true)
    expect((error as ValidationError).issues.map((issue) => issue.path.join('.'))).toEqual([
      'orders.0.current_state',
      'orders.0.placed_at',
      'orders.0.store.company',
    ])
    expect(sent).toHaveLength(0)
  })
})

describe('api.uploadOrders on modifier groups nested too deep', () => {
  const example = wixtarDocumentRequest.orders[0]
  if (example === undefined) throw new Error('the example has an order')
  const nestedUpload = (levels: number) => ({
    orders: [{ ...example, cart: { items: [nestedWixtarItem(levels)] } }],
  })

  it.each([
    ['one level more than core takes', maxModifierDepth + 1],
    ['20,000 levels', 20_000],
  ])(
    'refuses %s with a ValidationError at its path, not a RangeError, and sends nothing',
    async (_name, levels) => {
      const { fetch, sent } = recordingFetch()
      const error = await client(fetch)
        .api.uploadOrders(nestedUpload(levels))
        .catch((caught: unknown) => caught)
      expect(ValidationError.isInstance(error)).toBe(true)
      expect(
        (error as ValidationError).issues.map(({ path, code }) => ({ path: path.join('.'), code })),
      ).toEqual([
        { path: `orders.0.cart.items.0${nestedGroupsPath(7)}`, code: 'modifier_too_deep' },
      ])
      expect(sent).toHaveLength(0)
    },
  )

  it("uploads modifier groups as deep as core's maxModifierDepth", async () => {
    const { fetch, uploads } = recordingFetch()
    const { status } = await client(fetch).api.uploadOrders(nestedUpload(maxModifierDepth))
    expect(status).toBe(200)
    expect(uploads()).toHaveLength(1)
  })
})

describe('against the sandbox', () => {
  it("on both sides' defaults, uploads the document's example as it stands and the corrected fixture", async () => {
    // The client's and the sandbox's default units are both the example's: charges and payments
    // in whole dollars, item prices in cents.
    const sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
    try {
      const wixtar = createWixtar({
        clientId: sandbox.credentials.wixtar?.clientId ?? '',
        clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
        baseURL: sandbox.url,
        tokenURL: `${sandbox.url}/oauth/v1/token`,
      })
      const { status, response } = await wixtar.api.uploadOrders(wixtarDocumentRequest)
      expect([status, response]).toEqual([200, { success: true, count: 1 }])
      const report = await syncOrders({
        platform: wixtar,
        orders: [{ ...wixtarDocumentOrder, id: 'fixture' }],
      })
      expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
      expect([...sandbox.control.orders('wixtar').keys()]).toEqual(['tywn21072900008', 'fixture'])
    } finally {
      await sandbox.close()
    }
  })

  it("on both sides' defaults, syncs a JPY order (no minor unit: item prices in yen)", async () => {
    const jpy = (amount: number) => ({ amount, currency: 'JPY' }) as const
    const ramen: OrderInput = {
      ...wixtarDocumentOrder,
      id: 'tokyo-ramen',
      lines: [
        {
          id: 'ramen',
          skuId: 'ramen',
          name: 'Shoyu ramen',
          quantity: 2,
          unitPrice: jpy(400),
          modifiers: [
            { name: 'egg', selected: [{ name: 'soft egg', quantity: 1, unitPrice: jpy(0) }] },
          ],
        },
      ],
      charges: { goodsSubtotal: jpy(800) },
      payableAmount: jpy(800),
      paidAmount: jpy(800),
      payments: [{ method: 'cash', amount: jpy(800) }],
    }
    const sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
    try {
      const wixtar = createWixtar({
        clientId: sandbox.credentials.wixtar?.clientId ?? '',
        clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
        baseURL: sandbox.url,
        tokenURL: `${sandbox.url}/oauth/v1/token`,
      })
      const report = await syncOrders({ platform: wixtar, orders: [ramen] })
      expect(report.results.map((result) => result.status)).toEqual(['succeeded'])
      const stored = wixtarOrderSchema.parse(sandbox.control.orders('wixtar').get('tokyo-ramen'))
      expect(stored.cart.items[0]?.price?.unit_price).toEqual({
        amount: 400,
        currency_code: 'JPY',
        formatted_amount: '400',
      })
      expect(stored.charges.total_fee).toEqual({
        amount: 800,
        currency_code: 'JPY',
        formatted_amount: '800',
      })
    } finally {
      await sandbox.close()
    }
  })

  it('is refused by a sandbox that reads other units than the client sends, with the reason', async () => {
    const sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
    try {
      const wixtar = createWixtar({
        clientId: sandbox.credentials.wixtar?.clientId ?? '',
        clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
        baseURL: sandbox.url,
        tokenURL: `${sandbox.url}/oauth/v1/token`,
        amountScale: { charges: 'minor', items: 'minor', payments: 'minor' },
      })
      const report = await syncOrders({ platform: wixtar, orders: [wixtarDocumentOrder] })
      const result = report.results[0]
      expect(result?.status).toBe('failed')
      if (result?.status !== 'failed') return
      expect((result.error as ApiCallError).httpStatus).toBe(400)
      expect(result.error.message).toContain(
        'orders[0].charges.total.formatted_amount: must write amount 110000 at scale 0',
      )
    } finally {
      await sandbox.close()
    }
  })
})

describe('Wixtar labels, redaction and call options', () => {
  it('leaves an order uncertain, never succeeded or rejected, when a 2xx answer cannot be read', async () => {
    for (const body of ['{"success":true,"cou', '<html><body>OK</body></html>']) {
      const { fetch, uploads } = recordingFetch([{ status: 200, body }])
      const report = await syncOrders({ platform: client(fetch), orders: [completed('a')] })
      const result = report.results[0]
      expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
      expect(uploads()).toHaveLength(1)
    }
  })

  it('redacts the buyer’s name and address from an answer that echoes the upload, unless told not to', async () => {
    const personal = ['Wang Daming', 'No. 999, Jiankang 3rd Street, Anping District, Tainan City']
    const echo: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input as RequestInfo, init)
      const body = await request.text()
      if (request.url === tokenURL) {
        return new Response(JSON.stringify({ access_token: 'token-1', expires_in: 2592000 }), {
          status: 200,
        })
      }
      return new Response(
        JSON.stringify({ error: 'invalid customer', request: JSON.parse(body) }),
        {
          status: 422,
        },
      )
    }
    const seenWith = async (overrides: Partial<WixtarSettings>) => {
      const events: unknown[] = []
      const report = await syncOrders({
        platform: client(echo, {
          ...overrides,
          hooks: {
            onRequest: (event) => events.push(event),
            onResponse: (event) => events.push(event),
            onError: (event) => events.push(event),
          },
        }),
        orders: [wixtarDocumentOrder],
      })
      const result = report.results[0]
      if (result?.status !== 'failed') throw new Error('expected the upload to fail')
      return JSON.stringify({ events, error: { ...result.error }, message: result.error.message })
    }
    const seen = await seenWith({})
    expect(personal.filter((value) => seen.includes(value))).toEqual([])
    expect(seen).not.toContain('0910123456')
    // A store's and a product's names are not a person's.
    expect(seen).toContain('Tainan Store')
    expect(seen).toContain('Stir-fried bean buns with tomato kimchi')
    const debugging = await seenWith({ redactPersonalData: false })
    expect(personal.filter((value) => debugging.includes(value))).toEqual(personal)
    expect(debugging).not.toContain('0910123456')
  })

  it.each([
    ['null options', 'options', null],
    ['options that are an array', 'options', []],
    ['a signal that is not an AbortSignal', 'options.signal', { signal: { aborted: false } }],
  ])(
    'api.uploadOrders refuses %s with an InvalidArgumentError naming %s: no token fetched, nothing rejected unhandled',
    async (_, argument, options) => {
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown): void => {
        unhandled.push(reason)
      }
      process.on('unhandledRejection', onUnhandled)
      try {
        const { fetch, sent } = recordingFetch()
        const error = await client(fetch)
          .api.uploadOrders(wixtarDocumentRequest as never, options as never)
          .catch((caught: unknown) => caught)
        expect(InvalidArgumentError.isInstance(error)).toBe(true)
        expect(error).toMatchObject({ platform: 'wixtar', argument })
        await new Promise((resolve) => setTimeout(resolve, 50))
        expect(sent).toEqual([])
        expect(unhandled).toEqual([])
      } finally {
        process.off('unhandledRejection', onUnhandled)
      }
    },
  )
})
