import { generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  ApiCallError,
  AuthenticationError,
  InvalidArgumentError,
  type OrderInput,
  parseOrder,
  syncOrders,
  ValidationError,
} from '@ordersync/core'
import { createAlipayPlusSandboxModule, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type AlipayPlusSettings, createAlipayPlus } from './alipayplus-client.ts'
import { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
import { classifyAlipayPlusResponse } from './alipayplus-errors.ts'
import { toAlipayPlusOrder } from './convert-to-alipayplus-order.ts'
import { alipayPlusSampleRequest } from './test/alipayplus-sample-request.ts'

const testKey = readFileSync(new URL('./test/test-key-pkcs1.pem', import.meta.url), 'utf8')
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const ecKeys = {
  privateKey: ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  publicKey: ec.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
}
const order: OrderInput = {
  ...alipayPlusDocumentOrder,
  platformOptions: { alipayplus: { customerBelongsTo: 'CHOPE' } },
}

let sandbox: Sandbox
beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
})
afterAll(async () => {
  await sandbox.close()
})
beforeEach(() => {
  sandbox.control.reset()
})

function client(overrides: Partial<AlipayPlusSettings> = {}) {
  const credentials = sandbox.credentials.alipayplus ?? {}
  return createAlipayPlus({
    baseURL: sandbox.url,
    clientId: credentials.clientId ?? '',
    privateKey: credentials.privateKey ?? '',
    keyVersion: credentials.keyVersion ?? '1',
    appId: credentials.appId ?? '',
    platformPublicKey: credentials.platformPublicKey ?? '',
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  })
}

function recordingFetch(
  result = { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
) {
  const sent: { url: string; headers: Record<string, string>; body: string }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    sent.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    })
    return new Response(JSON.stringify({ result }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  }
  return { fetch, sent }
}

describe('createAlipayPlus', () => {
  it('sends exactly these bytes: headers, signature and body (fixed key and clock)', async () => {
    const { fetch, sent } = recordingFetch()
    const alipayplus = createAlipayPlus({
      baseURL: 'https://open.wallet.example',
      clientId: '2022033195014xxx',
      privateKey: testKey,
      keyVersion: 1,
      appId: '2102010120672524',
      fetch,
      clock: () => Date.parse('2022-04-20T02:38:09.123Z'),
    })
    const report = await syncOrders({ platform: alipayplus, orders: [order] })
    expect(report.succeeded).toBe(1)
    expect(sent[0]?.url).toBe('https://open.wallet.example/api/open/v2/miniprogram/order/sync')
    expect(sent[0]?.headers).toMatchInlineSnapshot(`
      {
        "client-id": "2022033195014xxx",
        "content-type": "application/json; charset=UTF-8",
        "request-time": "2022-04-20T10:38:09.123+08:00",
        "signature": "algorithm=RSA256,keyVersion=1,signature=jeEUBzXoYJCkjIW8lgNVnF2j7B3%2Fu1XoHmQ14AS4FLJyLAxcG8ElUOskP%2BKgbyPoD3Vw6JCPnK70SK62qFUi%2FzsEnzqqNNJsMJlpw1qxm3yRQUBdNfUKpivatg6pp%2FMEBJXcli84fjux8br0zYJrM5n0dFVT%2BPpRVgspIp3ErU7A%2B7kUv90fZ0vJxoxnvtF0VR4TBdFubSu%2Fo1nF2b6JO0YPXdfOZAjiQAzekcmQJ3U0VP%2FlwN3dtGM286Z2%2FnKi0EV%2Ba4WH35U6hRgsUDHBiElhaebBcb%2FQ2W6E4bNi920HXq%2FvsYfgEOvfL8qYXOB3A3IEuOyGnAdQ6XKfPdmyMg%3D%3D",
        "user-agent": "ordersync/alipayplus/0.0.0-test",
      }
    `)
    expect(sent[0]?.body).toMatchInlineSnapshot(
      `"{"appId":"2102010120672524","customerId":"1000001119398804xxxx","customerBelongsTo":"CHOPE","referenceOrderId":"011164447512282000000002060","orderCreateTime":"2022-04-20T10:38:09+08:00","orderModifiedTime":"2022-04-20T10:38:09+08:00","orderLinkUrl":"pages/orders/xxxxx","orderType":"PICK_UP","orderExtendBizInfo":"{\\"orderBizStatus\\":\\"PAID\\",\\"pickUpStartTime\\":\\"2022-04-20T10:38:09+08:00\\",\\"pickUpEndTime\\":\\"2022-04-20T10:38:09+08:00\\",\\"pickUpCodeName\\":\\"9001\\",\\"pickUpCodeValue\\":\\"122234\\"}","goods":[{"referenceGoodsId":"38834854894322","goodsName":"jfkdskk","goodsCategory":"fjkdskks","goodsBrand":"adwqads","goodsUnitAmount":{"currency":"USD","value":126},"goodsPaymentAmount":{"currency":"USD","value":342},"goodsQuantity":"3","goodsSkuName":"xxxx","goodsUrl":"pages/goods/xxxxx"}],"merchant":{"referenceMerchantId":"fdsjkkkk","merchantMCC":"dsakkk","merchantName":"fdsafds","merchantDisplayName":"dsafsa","merchantAddress":{"region":"US","state":"NYS","city":"NYC","address1":"Street address/PO Box/Company name","address2":"Apartment/Suite/Unit/Building","label":"home","zipCode":"220311","longitude":"120.000000","latitude":"40.7000000"},"merchantStore":{"referenceStoreId":"fassaa","storeName":"Restaurant A","storeMCC":"food","storeDisplayName":"Restaurant A","storeAddress":{"region":"US","state":"NYS","city":"NYC","address1":"Street address/PO Box/Company name","address2":"Apartment/Suite/Unit/Building","label":"home","zipCode":"220311","longitude":"74.000000","latitude":"40.000000"},"storePhoneNo":"13321324456"}},"buyer":{"referenceBuyerId":"userId","buyerName":{"fullName":"Jack"},"buyerPhoneNo":"13312341234","buyerEmail":"email@example.com"},"orderAmount":{"currency":"USD","value":378},"discountAmount":{"currency":"USD","value":36},"promoDetails":[{"promoId":"salon","promoType":"INSTANT_DISCOUNT","promoName":"name","discountAmount":{"currency":"USD","value":36}}],"paymentAmount":{"currency":"USD","value":342},"refunds":[{"refundId":"fds11254556636","refundAmount":{"currency":"USD","value":36},"refundStatus":"SUCCESS","refundTime":"2022-04-20T10:38:09+08:00"}]}"`,
    )
    // The same body, parsed, for a reader: the bytes above are what is signed and sent.
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchInlineSnapshot(`
      {
        "appId": "2102010120672524",
        "buyer": {
          "buyerEmail": "email@example.com",
          "buyerName": {
            "fullName": "Jack",
          },
          "buyerPhoneNo": "13312341234",
          "referenceBuyerId": "userId",
        },
        "customerBelongsTo": "CHOPE",
        "customerId": "1000001119398804xxxx",
        "discountAmount": {
          "currency": "USD",
          "value": 36,
        },
        "goods": [
          {
            "goodsBrand": "adwqads",
            "goodsCategory": "fjkdskks",
            "goodsName": "jfkdskk",
            "goodsPaymentAmount": {
              "currency": "USD",
              "value": 342,
            },
            "goodsQuantity": "3",
            "goodsSkuName": "xxxx",
            "goodsUnitAmount": {
              "currency": "USD",
              "value": 126,
            },
            "goodsUrl": "pages/goods/xxxxx",
            "referenceGoodsId": "38834854894322",
          },
        ],
        "merchant": {
          "merchantAddress": {
            "address1": "Street address/PO Box/Company name",
            "address2": "Apartment/Suite/Unit/Building",
            "city": "NYC",
            "label": "home",
            "latitude": "40.7000000",
            "longitude": "120.000000",
            "region": "US",
            "state": "NYS",
            "zipCode": "220311",
          },
          "merchantDisplayName": "dsafsa",
          "merchantMCC": "dsakkk",
          "merchantName": "fdsafds",
          "merchantStore": {
            "referenceStoreId": "fassaa",
            "storeAddress": {
              "address1": "Street address/PO Box/Company name",
              "address2": "Apartment/Suite/Unit/Building",
              "city": "NYC",
              "label": "home",
              "latitude": "40.000000",
              "longitude": "74.000000",
              "region": "US",
              "state": "NYS",
              "zipCode": "220311",
            },
            "storeDisplayName": "Restaurant A",
            "storeMCC": "food",
            "storeName": "Restaurant A",
            "storePhoneNo": "13321324456",
          },
          "referenceMerchantId": "fdsjkkkk",
        },
        "orderAmount": {
          "currency": "USD",
          "value": 378,
        },
        "orderCreateTime": "2022-04-20T10:38:09+08:00",
        "orderExtendBizInfo": "{"orderBizStatus":"PAID","pickUpStartTime":"2022-04-20T10:38:09+08:00","pickUpEndTime":"2022-04-20T10:38:09+08:00","pickUpCodeName":"9001","pickUpCodeValue":"122234"}",
        "orderLinkUrl": "pages/orders/xxxxx",
        "orderModifiedTime": "2022-04-20T10:38:09+08:00",
        "orderType": "PICK_UP",
        "paymentAmount": {
          "currency": "USD",
          "value": 342,
        },
        "promoDetails": [
          {
            "discountAmount": {
              "currency": "USD",
              "value": 36,
            },
            "promoId": "salon",
            "promoName": "name",
            "promoType": "INSTANT_DISCOUNT",
          },
        ],
        "referenceOrderId": "011164447512282000000002060",
        "refunds": [
          {
            "refundAmount": {
              "currency": "USD",
              "value": 36,
            },
            "refundId": "fds11254556636",
            "refundStatus": "SUCCESS",
            "refundTime": "2022-04-20T10:38:09+08:00",
          },
        ],
      }
    `)
  })

  it('accepts the document’s raw sample through api.syncOrder, with warnings for its broken sums', async () => {
    const { fetch, sent } = recordingFetch()
    const alipayplus = createAlipayPlus({
      baseURL: 'https://open.wallet.example',
      clientId: 'c',
      privateKey: testKey,
      appId: '2102010120672524',
      fetch,
    })
    const { result, accepted, warnings } = await alipayplus.api.syncOrder(alipayPlusSampleRequest)
    expect(result.resultStatus).toBe('S')
    expect(accepted).toBe(false)
    expect(JSON.parse(sent[0]?.body ?? '{}')).toEqual(alipayPlusSampleRequest)
    // paymentAmount is the amount paid: 12 of 1200 is a part payment, but a refund of 36 is more
    // than was paid.
    expect(warnings.map((warning) => `${warning.path.join('.')}: ${warning.message}`)).toEqual([
      'refunds: add up to 36, more than paymentAmount 12',
    ])
  })

  it('prepares the corrected document order into the sample’s shape, with its values except the corrected amounts', () => {
    const { payload, warnings } = toAlipayPlusOrder(parseOrder(order), {
      appId: '2102010120672524',
    })
    const sample = alipayPlusSampleRequest
    expect(Object.keys(payload).sort()).toEqual(Object.keys(sample).sort())
    for (const key of [
      'appId',
      'customerId',
      'customerBelongsTo',
      'referenceOrderId',
      'orderCreateTime',
      'orderModifiedTime',
      'orderLinkUrl',
      'orderType',
      'merchant',
      'buyer',
    ] as const) {
      expect({
        key,
        value:
          key === 'merchant'
            ? { ...payload.merchant, merchantRegisterDate: sample.merchant.merchantRegisterDate }
            : payload[key],
      }).toEqual({
        key,
        value:
          key === 'merchant'
            ? stripExtendInfo(sample.merchant)
            : key === 'buyer'
              ? sample.buyer
              : sample[key],
      })
    }
    // orderExtendBizInfo: the field table's JSON text by default, with the sample's values.
    expect(JSON.parse(payload.orderExtendBizInfo as string)).toEqual(sample.orderExtendBizInfo)
    // Corrected: the amounts add up (3 × 1.26 = 3.78, − 0.36 = 3.42 paid; 0.36 refunded).
    expect(payload.goods).toEqual([
      {
        ...withoutExtendInfo(sample.goods[0]),
        goodsUnitAmount: { currency: 'USD', value: 126 },
        goodsPaymentAmount: { currency: 'USD', value: 342 },
      },
    ])
    expect([payload.orderAmount, payload.discountAmount, payload.paymentAmount]).toEqual([
      { currency: 'USD', value: 378 },
      { currency: 'USD', value: 36 },
      { currency: 'USD', value: 342 },
    ])
    expect(payload.promoDetails).toEqual([
      {
        promoId: 'salon',
        promoType: 'INSTANT_DISCOUNT',
        promoName: 'name',
        discountAmount: { currency: 'USD', value: 36 },
      },
    ])
    expect(payload.refunds).toEqual(sample.refunds)
    // What the canonical order has and Alipay+ has no field for, each named.
    expect(warnings.map((warning) => warning.message)).toEqual([
      'Alipay+ has no field for charges.discounts[].kind: it is not reported',
      'Alipay+ has no field for afterSales[].type: it is not reported',
      'Alipay+ has no field for afterSales[].createdAt: it is not reported',
    ])
  })

  it('checks the response signature with platformPublicKey, and refuses one that does not verify', async () => {
    expect((await syncOrders({ platform: client(), orders: [order] })).succeeded).toBe(1)
    sandbox.control.injectFault({
      platform: 'alipayplus',
      action: {
        type: 'body',
        body: { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'forged' } },
      },
    })
    const forged = await syncOrders({ platform: client(), orders: [order] })
    const result = forged.results[0]
    expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(true)
    expect(result?.status === 'failed' && result.error.message).toMatch(
      /the response signature does not verify with platformPublicKey/,
    )
    // The sandbox processed the request: what it stored is not known, never "rejected".
    expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
  })

  it('signs every attempt afresh while orderModifiedTime stays the order’s own', async () => {
    sandbox.control.injectFault({
      platform: 'alipayplus',
      action: { type: 'status', status: 503 },
      times: 1,
    })
    // Two attempts 1.5 s apart on the client's clock (near now: the sandbox checks Request-Time).
    const base = Math.floor(Date.now() / 1000) * 1000
    // The first reading is the send's own (the response-time window starts there).
    const times = [base, base, base + 1500]
    let call = 0
    const report = await syncOrders({
      platform: client({ clock: () => times[Math.min(call++, 2)] ?? 0 }),
      orders: [order],
    })
    expect(report.succeeded).toBe(1)
    const log = sandbox.control.log('alipayplus')
    expect(log.map((entry) => Date.parse(String(entry.headers['request-time'])) - base)).toEqual([
      0, 1500,
    ])
    expect(log.map((entry) => String(entry.headers['request-time']).endsWith('+08:00'))).toEqual([
      true,
      true,
    ])
    expect(new Set(log.map((entry) => entry.headers.signature)).size).toBe(2)
    expect(new Set(log.map((entry) => JSON.parse(entry.body).orderModifiedTime))).toEqual(
      new Set(['2022-04-20T10:38:09+08:00']),
    )
  })

  it('reads the result: A is accepted, U and traffic limits are retried, other F codes are not', async () => {
    const accepted = createAlipayPlus({
      baseURL: 'https://open.wallet.example',
      clientId: 'c',
      privateKey: testKey,
      appId: 'a',
      fetch: recordingFetch({
        resultCode: 'ACCEPTED',
        resultStatus: 'A',
        resultMessage: 'accepted',
      }).fetch,
      customerBelongsTo: 'CHOPE',
    })
    const report = await syncOrders({ platform: accepted, orders: [order] })
    expect(report.results[0]).toMatchObject({ status: 'succeeded', accepted: true })

    for (const [body, requests, retryable] of [
      [
        {
          result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION', resultMessage: 'unknown' },
        },
        3,
        true,
      ],
      [
        {
          result: {
            resultStatus: 'F',
            resultCode: 'REQUEST_TRAFFIC_EXCEED_LIMIT',
            resultMessage: 'slow down',
          },
        },
        3,
        true,
      ],
      [
        {
          result: {
            resultStatus: 'F',
            resultCode: 'PARAM_ILLEGAL',
            resultMessage: 'illegal referenceOrderId',
          },
        },
        1,
        false,
      ],
      [
        {
          result: {
            resultStatus: 'F',
            resultCode: 'SOME_WALLET_CODE',
            resultMessage: 'wallet says no',
          },
        },
        1,
        false,
      ],
    ] as const) {
      sandbox.control.reset()
      sandbox.control.injectFault({
        platform: 'alipayplus',
        action: { type: 'body', body },
        times: Number.POSITIVE_INFINITY,
      })
      const failed = await syncOrders({ platform: client(), orders: [order] })
      const error = failed.results[0]?.status === 'failed' ? failed.results[0].error : undefined
      expect(ApiCallError.isInstance(error)).toBe(true)
      const apiError = error as ApiCallError
      expect([
        apiError.platformCode,
        apiError.retryable,
        apiError.platformMessage?.split(' — ')[0],
      ]).toEqual([body.result.resultCode, retryable, body.result.resultMessage])
      expect(
        sandbox.control.counters('alipayplus').requests['/api/open/v2/miniprogram/order/sync'],
      ).toBe(requests)
    }
  })

  it('sends orderExtendBizInfo as an object when told to; the sandbox takes both forms', async () => {
    const asObject = client({ orderExtendBizInfoFormat: 'object' })
    expect((await syncOrders({ platform: asObject, orders: [order] })).succeeded).toBe(1)
    const stored = sandbox.control.orders('alipayplus').get('011164447512282000000002060') as {
      orderExtendBizInfo: unknown
    }
    expect(stored.orderExtendBizInfo).toEqual({
      orderBizStatus: 'PAID',
      pickUpStartTime: '2022-04-20T10:38:09+08:00',
      pickUpEndTime: '2022-04-20T10:38:09+08:00',
      pickUpCodeName: '9001',
      pickUpCodeValue: '122234',
    })
  })

  it('keeps the latest modification in the sandbox: an older orderModifiedTime does not overwrite', async () => {
    const alipayplus = client()
    await syncOrders({
      platform: alipayplus,
      orders: [{ ...order, status: 'completed', modifiedAt: '2022-04-20T11:00:00+08:00' }],
    })
    await syncOrders({ platform: alipayplus, orders: [order] })
    const stored = sandbox.control.orders('alipayplus').get('011164447512282000000002060') as {
      orderExtendBizInfo: string
    }
    expect(JSON.parse(stored.orderExtendBizInfo).orderBizStatus).toBe('COMPLETED')
  })

  it('signs the path with the prefix by default; signPathWithPrefix: false signs /v2/… alone', async () => {
    const report = await syncOrders({
      platform: client({ signPathWithPrefix: false }),
      orders: [order],
    })
    const error = report.results[0]?.status === 'failed' ? report.results[0].error : undefined
    expect((error as ApiCallError).platformCode).toBe('ACCESS_DENIED')
  })

  it.each([
    [
      { baseURL: undefined },
      '[ordersync] [alipayplus] invalid baseURL: is required: each wallet has its own domain, and Alipay+ publishes none',
    ],
    [
      { privateKey: '' },
      '[ordersync] [alipayplus] invalid privateKey: is required and must be a non-empty string (got a blank string)',
    ],
    [
      { clientId: undefined },
      '[ordersync] [alipayplus] invalid clientId: is required and must be a non-empty string (got nothing)',
    ],
    [
      { appId: 'app#1' },
      '[ordersync] [alipayplus] invalid appId: must be at most 32 characters without @, # or ?',
    ],
    [
      { pathPrefix: 'api/open' },
      '[ordersync] [alipayplus] invalid pathPrefix: must start with / (e.g. "/api/open"), got "api/open"',
    ],
    [{ zone: 'Mars/Base' }, /invalid zone/],
    [
      { privateKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----' },
      '[ordersync] [alipayplus] invalid privateKey: is a "PUBLIC KEY", not an RSA private key',
    ],
    [
      { platformPublicKey: '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----' },
      '[ordersync] [alipayplus] invalid platformPublicKey: is a "RSA PRIVATE KEY", not an RSA public key',
    ],
  ])('refuses settings that cannot work: %j', (overrides, message) => {
    expect(() =>
      createAlipayPlus({
        baseURL: 'https://open.wallet.example',
        clientId: 'c',
        privateKey: testKey,
        appId: 'a',
        ...(overrides as object),
      } as AlipayPlusSettings),
    ).toThrow(message)
  })

  it('refuses a raw request that breaks the field table, naming each problem', async () => {
    const { fetch, sent } = recordingFetch()
    const alipayplus = createAlipayPlus({
      baseURL: 'https://open.wallet.example',
      clientId: 'c',
      privateKey: testKey,
      appId: 'a',
      fetch,
    })
    const broken = {
      ...alipayPlusSampleRequest,
      referenceOrderId: 'order#1',
      customerBelongsTo: 'PAYPAL',
      orderType: 'TAKEAWAY',
      goods: Array(31).fill(alipayPlusSampleRequest.goods[0]),
      orderAmount: { currency: 'USD', value: 2147483648 },
    }
    const error = await alipayplus.api.syncOrder(broken as never).catch((caught: unknown) => caught)
    expect(ValidationError.isInstance(error)).toBe(true)
    expect(
      new Set(
        (error as ValidationError).issues.map(
          (issue) => `${issue.path.join('.')}: ${issue.message}`,
        ),
      ),
    ).toEqual(
      new Set([
        'referenceOrderId: referenceOrderId must not contain @, # or ? (document)',
        'customerBelongsTo: Invalid option: expected one of "ALIPAY_CN"|"ALIPAY_HK"|"ALIPAY_MO"|"TNG"|"GCASH"|"DANA"|"KAKAOPAY"|"BKASH"|"CHOPE"|"TRUEMONEY"',
        'orderType: Invalid option: expected one of "PICK_UP"|"DINE_IN"|"DELIVERY"',
        'goods: at most 30 goods',
        'orderAmount.value: at most 2147483647',
      ]),
    )
    expect(sent).toHaveLength(0)
  })
})

function withoutExtendInfo<T extends object>(value: T): Omit<T, 'extendInfo'> {
  const { extendInfo: _extendInfo, ...rest } = value as T & { extendInfo?: unknown }
  return rest
}

function stripExtendInfo(merchant: (typeof alipayPlusSampleRequest)['merchant']) {
  const { merchantStore, merchantAddress, ...rest } = merchant
  return {
    ...rest,
    merchantAddress: withoutExtendInfo(merchantAddress),
    merchantStore: {
      ...withoutExtendInfo({
        ...merchantStore,
        storeTerminalId: undefined,
        storeOperatorId: undefined,
      }),
      storeAddress: withoutExtendInfo(merchantStore.storeAddress),
    },
  }
}

describe('Alipay+ responses bound to their request', () => {
  /** A fetch that answers every call with one recorded response. */
  const replaying =
    (recorded: { status: number; headers: Record<string, string>; body: string }) =>
    async (): Promise<Response> =>
      new Response(recorded.body, { status: recorded.status, headers: recorded.headers })

  /** One real, signed sandbox answer, as received. */
  async function recordSandboxAnswer() {
    let recorded: { status: number; headers: Record<string, string>; body: string } | undefined
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init)
      const body = await response.text()
      recorded = { status: response.status, headers: Object.fromEntries(response.headers), body }
      return new Response(body, { status: response.status, headers: response.headers })
    }
    expect((await syncOrders({ platform: client({ fetch }), orders: [order] })).succeeded).toBe(1)
    if (recorded === undefined) throw new Error('no answer recorded')
    return recorded
  }

  it('takes a signed S result on HTTP 500 for no success (retried, then failed)', async () => {
    const recorded = await recordSandboxAnswer()
    const report = await syncOrders({
      platform: client({ fetch: replaying({ ...recorded, status: 500 }) }),
      orders: [order],
    })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    expect(result?.status === 'failed' && result.error.message).toContain(
      'HTTP 500 with resultStatus S: a success needs HTTP 2xx',
    )
    expect(
      classifyAlipayPlusResponse({
        status: 400,
        headers: new Headers(),
        text: '',
        json: { result: { resultStatus: 'S', resultCode: 'SUCCESS' } },
      }),
    ).toEqual({
      outcome: 'failure',
      code: 'SUCCESS',
      message: 'HTTP 400 with resultStatus S: a success needs HTTP 2xx',
      concerns: 'unknown',
    })
  })

  it('refuses a validly signed answer made more than clockSkewMs before the request, or responseTimeWindowMs after its answer came', async () => {
    const recorded = await recordSandboxAnswer()
    const responseTime = recorded.headers['response-time'] ?? ''
    const answeredAt = Date.parse(responseTime)
    // The same signed answer, replayed to a request made 6 minutes later (a fresh client, which
    // never accepted it).
    const replayed = await syncOrders({
      platform: client({ fetch: replaying(recorded), clock: () => answeredAt + 6 * 60_000 }),
      orders: [order],
    })
    const result = replayed.results[0]
    expect(result?.status === 'failed' && AuthenticationError.isInstance(result.error)).toBe(true)
    expect(result?.status === 'failed' && result.delivery).toBe('uncertain')
    expect(result?.status === 'failed' && result.error.message).toBe(
      `[ordersync] [alipayplus] /api/open/v2/miniprogram/order/sync: the signed response has response-time ${JSON.stringify(responseTime)}, more than 30000 ms before the request's Request-Time (clockSkewMs): an answer made before its request is a replay, or the clocks differ — correct this host's clock, or raise clockSkewMs if the wallet's runs behind. The answer was not trusted, so the order is not counted as stored; the wallet may hold it, and re-syncing it is safe (order/sync is an upsert)`,
    )
    // A wallet clock 6 minutes ahead of this host's: outside the default window, inside a wider one.
    const behind = () => answeredAt - 6 * 60_000
    const ahead = await syncOrders({
      platform: client({ fetch: replaying(recorded), clock: behind }),
      orders: [order],
    })
    expect(ahead.results[0]?.status === 'failed' && ahead.results[0].error.message).toContain(
      'more than 300000 ms after its answer came (responseTimeWindowMs)',
    )
    for (const settings of [
      { clock: behind, responseTimeWindowMs: 7 * 60_000 },
      { clock: () => answeredAt - 4 * 60_000 },
      { clock: () => answeredAt + 20_000 },
    ]) {
      const report = await syncOrders({
        platform: client({ fetch: replaying(recorded), ...settings }),
        orders: [order],
      })
      expect(report.succeeded).toBe(1)
    }
    // Without its response-time the signature covers other content: not trusted either.
    const { 'response-time': _time, ...withoutTime } = recorded.headers
    const missing = await syncOrders({
      platform: client({ fetch: replaying({ ...recorded, headers: withoutTime }) }),
      orders: [order],
    })
    expect(missing.results[0]?.status === 'failed' && missing.results[0].error.message).toContain(
      'the response signature does not verify with platformPublicKey',
    )
  })

  it('imports each key once, not per request or response', async () => {
    const importKey = vi.spyOn(globalThis.crypto.subtle, 'importKey')
    try {
      const orders = [1, 2, 3].map((index) => ({ ...order, id: `once-${index}` }))
      expect((await syncOrders({ platform: client(), orders })).succeeded).toBe(3)
      expect(importKey.mock.calls.map((call) => call[0]).sort()).toEqual(['pkcs8', 'spki'])
    } finally {
      importKey.mockRestore()
    }
  })

  it.each([
    ['privateKey', 'an EC private key (PKCS#8 PEM)', { privateKey: ecKeys.privateKey }],
    ['privateKey', 'random base64', { privateKey: 'aGVsbG8gd29ybGQ=' }],
    ['platformPublicKey', 'an EC public key (SPKI PEM)', { platformPublicKey: ecKeys.publicKey }],
  ])('refuses a %s that is %s at creation, naming the setting', (setting, _what, overrides) => {
    let thrown: unknown
    try {
      createAlipayPlus({
        baseURL: 'https://open.wallet.example',
        clientId: 'c',
        privateKey: testKey,
        appId: 'a',
        ...overrides,
      })
    } catch (error) {
      thrown = error
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
    expect((thrown as InvalidArgumentError).message).toMatch(
      new RegExp(`^\\[ordersync\\] \\[alipayplus\\] invalid ${setting}: is not an RSA`),
    )
  })
})

describe('Alipay+ money: a part payment with a refund', () => {
  it('sends paymentAmount as the amount paid, and the sandbox stores it', async () => {
    const partlyPaid: OrderInput = {
      ...order,
      paidAmount: { amount: 200, currency: 'USD' },
    }
    const { payload, warnings } = toAlipayPlusOrder(parseOrder(partlyPaid), {
      appId: '2102010120672524',
    })
    expect([payload.orderAmount, payload.discountAmount, payload.paymentAmount]).toEqual([
      { currency: 'USD', value: 378 },
      { currency: 'USD', value: 36 },
      { currency: 'USD', value: 200 },
    ])
    expect(warnings.filter((warning) => warning.path[0] === 'paidAmount')).toEqual([])
    const report = await syncOrders({ platform: client(), orders: [partlyPaid] })
    expect(report.succeeded).toBe(1)
    const stored = sandbox.control.orders('alipayplus').get(alipayPlusDocumentOrder.id) as {
      paymentAmount: unknown
      refunds: unknown[]
    }
    expect(stored.paymentAmount).toEqual({ currency: 'USD', value: 200 })
    expect(stored.refunds).toHaveLength(1)
  })
})

describe('Alipay+ against startSandbox() with no options', () => {
  it('takes the typed credentials spread as they are', async () => {
    const defaults = await startSandbox()
    try {
      const alipayplus = createAlipayPlus({
        ...defaults.credentials.alipayplus,
        baseURL: defaults.url,
      })
      expect((await syncOrders({ platform: alipayplus, orders: [order] })).succeeded).toBe(1)
    } finally {
      await defaults.close()
    }
  })
})

describe('Alipay+ personal data passed as sensitive', () => {
  it('never shows the buyer’s or the courier’s phone (inside orderExtendBizInfo) to hooks', async () => {
    const bodies: string[] = []
    const delivery: OrderInput = {
      ...order,
      id: 'phones-1',
      type: 'delivery',
      buyer: { ...order.buyer, phone: '+63 917 555 0142' },
      delivery: { courier: { name: 'Rider', phone: '0917-123-4567' } },
    }
    const report = await syncOrders({
      platform: client({
        hooks: { onRequest: (event) => bodies.push(String(event.body)) },
      }),
      orders: [delivery],
    })
    expect(report.succeeded).toBe(1)
    const sent = sandbox.control.orders('alipayplus').get('phones-1') as {
      buyer: { buyerPhoneNo: string }
      orderExtendBizInfo: string
    }
    // The platform gets them; the hooks do not, in any form.
    expect(sent.buyer.buyerPhoneNo).toBe('+63 917 555 0142')
    expect(JSON.parse(sent.orderExtendBizInfo).courierPhoneNo).toBe('0917-123-4567')
    expect(bodies).toHaveLength(1)
    for (const shown of ['0917-123-4567', '09171234567', '+63 917 555 0142', '639175550142'])
      expect(bodies[0]).not.toContain(shown)
  })
})

describe('Alipay+ api.syncOrder options', () => {
  it.each([
    [
      null,
      '[ordersync] [alipayplus] invalid options: must be an object such as { signal }, or left out; got null',
    ],
    [
      { signal: {} },
      '[ordersync] [alipayplus] invalid options.signal: must be an AbortSignal (from an AbortController or AbortSignal.timeout), got an object',
    ],
  ])('refuses %j before anything is sent', async (options, message) => {
    const { fetch, sent } = recordingFetch()
    const alipayplus = createAlipayPlus({
      baseURL: 'https://open.wallet.example',
      clientId: 'c',
      privateKey: testKey,
      appId: '2102010120672524',
      fetch,
    })
    const error = await alipayplus.api
      .syncOrder(alipayPlusSampleRequest, options as never)
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(message)
    expect(sent).toHaveLength(0)
  })
})

describe('Alipay+ stops a run that a wrong setting fails on every send', () => {
  /** 100 orders at concurrency 4, every request counted. */
  async function runOf100(overrides: Partial<AlipayPlusSettings>) {
    let requests = 0
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests += 1
      return globalThis.fetch(input, init)
    }
    const orders = Array.from({ length: 100 }, (_, index) => ({ ...order, id: `run-${index}` }))
    const report = await syncOrders({
      platform: client({ fetch, ...overrides }),
      orders,
      concurrency: 4,
    })
    return { report, requests }
  }

  it('stops after a few requests when a wrong pathPrefix answers 404 on every call', async () => {
    const { report, requests } = await runOf100({ pathPrefix: '/wrong' })
    expect(requests).toBeLessThanOrEqual(10)
    expect(report.failed).toBe(100)
    const first = report.results[0]?.status === 'failed' ? report.results[0].error : undefined
    expect([(first as ApiCallError).httpStatus, (first as ApiCallError).platformCode]).toEqual([
      404,
      undefined,
    ])
    expect(
      report.results.filter(
        (result) => result.status === 'failed' && result.delivery === 'not_sent',
      ).length,
    ).toBeGreaterThanOrEqual(90)
  })

  it('stops after a few requests when every call fails with a code Alipay+ does not document', async () => {
    sandbox.control.injectFault({
      platform: 'alipayplus',
      action: {
        type: 'body',
        body: {
          result: { resultStatus: 'F', resultCode: 'WALLET_KEY_UNKNOWN', resultMessage: 'no' },
        },
      },
      times: Number.POSITIVE_INFINITY,
    })
    const { report, requests } = await runOf100({})
    expect(requests).toBeLessThanOrEqual(10)
    expect(report.failed).toBe(100)
    const last = report.results[99]?.status === 'failed' ? report.results[99].error : undefined
    expect(last?.message).toContain('the order was not sent')
  })
})

describe('Alipay+ personal data in an answer that echoes the request', () => {
  const personal: OrderInput = {
    ...order,
    id: 'echo-1',
    buyer: {
      ...order.buyer,
      name: 'Maria Clara Santos',
      email: 'maria.santos@example.ph',
      phone: '+63 917 555 0142',
    },
    merchant: {
      ...order.merchant,
      store: { ...order.merchant?.store, phone: '(02) 8123 4567' },
    } as OrderInput['merchant'],
  }
  const shownNowhere = [
    '(02) 8123 4567',
    '81234567',
    '+63 917 555 0142',
    '9175550142',
    'Maria Clara Santos',
    'Santos',
    'maria.santos@example.ph',
  ]

  /** A wallet that refuses every request, echoing its body in the message and as an object. */
  const echoingFetch: typeof globalThis.fetch = async (input, init) => {
    const body = await new Request(input as RequestInfo, init).text()
    return new Response(
      JSON.stringify({
        result: {
          resultStatus: 'F',
          resultCode: 'PARAM_ILLEGAL',
          resultMessage: `illegal request: ${body}`,
        },
        request: JSON.parse(body),
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    )
  }

  async function everythingShown(overrides: Partial<AlipayPlusSettings>): Promise<string> {
    const events: unknown[] = []
    const report = await syncOrders({
      platform: createAlipayPlus({
        baseURL: 'https://open.wallet.example',
        clientId: 'c',
        privateKey: testKey,
        appId: '2102010120672524',
        fetch: echoingFetch,
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
          onRetry: (event) => events.push(event),
          onError: (event) => events.push({ ...event, error: describeError(event.error) }),
        },
        ...overrides,
      }),
      orders: [personal],
    })
    const result = report.results[0]
    expect(result?.status).toBe('failed')
    const error = result?.status === 'failed' ? result.error : undefined
    return JSON.stringify({ events, error: describeError(error), result })
  }

  function describeError(error: unknown) {
    const { message, platformMessage, responseBody, attempts } = error as ApiCallError
    return { message, platformMessage, responseBody, attempts }
  }

  it('never shows the store’s phone, the buyer’s phone, name or email to hooks, the error or the result', async () => {
    const shown = await everythingShown({})
    // The echo did come back, redacted.
    expect(shown).toContain('illegal request: ')
    expect(shown).toContain('[redacted]')
    for (const value of shownNowhere)
      expect({ value, shown: shown.includes(value) }).toEqual({ value, shown: false })
  })

  it('shows names and emails with redactPersonalData: false, never the phones', async () => {
    const shown = await everythingShown({ redactPersonalData: false })
    expect(shown).toContain('Maria Clara Santos')
    expect(shown).toContain('maria.santos@example.ph')
    for (const value of ['(02) 8123 4567', '81234567', '+63 917 555 0142', '9175550142'])
      expect({ value, shown: shown.includes(value) }).toEqual({ value, shown: false })
  })
})
