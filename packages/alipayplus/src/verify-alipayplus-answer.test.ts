import { createSign, generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import {
  AuthenticationError,
  InvalidArgumentError,
  type OrderInput,
  type SyncReport,
  syncOrders,
} from '@ordersync/core'
import { describe, expect, it } from 'vitest'
import { type AlipayPlusSettings, createAlipayPlus } from './alipayplus-client.ts'
import { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
import { createAcceptedSignatures } from './verify-alipayplus-answer.ts'

// A wallet of the test's own: it signs its answers with a platform key the test holds, at the
// response-time the test chooses, as Alipay's global SDK verifies them
// (`POST <path>\n<client-id>.<response-time>.<body>`).

const testKey = readFileSync(new URL('./test/test-key-pkcs1.pem', import.meta.url), 'utf8')
const platformKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const platformPublicKey = platformKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
const path = '/api/open/v2/miniprogram/order/sync'
const clientId = '2022033195014xxx'
const success = JSON.stringify({
  result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
})
const base = Date.parse('2024-05-20T02:00:00.000Z')

interface Answer {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

/** An answer signed by the wallet's key (or `key`) at `responseTime`. */
function signedAnswer(
  responseTime: number | string,
  body = success,
  key = platformKeys.privateKey,
): Answer {
  const time =
    typeof responseTime === 'number' ? new Date(responseTime).toISOString() : responseTime
  const signature = createSign('RSA-SHA256')
    .update(`POST ${path}\n${clientId}.${time}.${body}`)
    .sign(key, 'base64')
  return {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'client-id': clientId,
      'response-time': time,
      signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
    },
    body,
  }
}

/** A fetch that answers the n-th request (from 0) with `answer(n, requestTime)`; it counts them. */
function wallet(answerFor: (index: number, requestTime: number) => Answer) {
  const sent: { referenceOrderId: string; requestTime: string }[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const requestTime = request.headers.get('request-time') ?? ''
    sent.push({
      referenceOrderId: JSON.parse(await request.text()).referenceOrderId,
      requestTime,
    })
    const { status, headers, body } = answerFor(sent.length - 1, Date.parse(requestTime))
    return new Response(body, { status, headers })
  }
  return { fetch, sent }
}

/** A clock the test moves. */
function testClock(start = base) {
  let now = start
  return {
    clock: () => now,
    set: (value: number) => {
      now = value
    },
  }
}

function client(overrides: Partial<AlipayPlusSettings>, verify = true) {
  return createAlipayPlus({
    baseURL: 'https://open.wallet.example',
    clientId,
    privateKey: testKey,
    appId: '2102010120672524',
    ...(verify ? { platformPublicKey } : {}),
    customerBelongsTo: 'CHOPE',
    retry: { maxAttempts: 1 },
    ...overrides,
  })
}

const orderNumbered = (index: number): OrderInput => ({
  ...alipayPlusDocumentOrder,
  id: `order-${index}`,
})

function failureOf(report: SyncReport, index = 0) {
  const result = report.results[index]
  if (result?.status !== 'failed') throw new Error(`result ${index} did not fail`)
  return { error: result.error, delivery: result.delivery }
}

const untrustedTail =
  '. The answer was not trusted, so the order is not counted as stored; the wallet may hold it, and re-syncing it is safe (order/sync is an upsert)'

describe('Alipay+ answers that cannot be trusted leave the order uncertain, never rejected', () => {
  it('labels a 2xx whose signature does not verify uncertain (the wallet processed the request)', async () => {
    const { fetch, sent } = wallet(() => signedAnswer(base, success, otherKeys.privateKey))
    const report = await syncOrders({
      platform: client({ fetch, clock: () => base }),
      orders: [orderNumbered(1)],
    })
    const { error, delivery } = failureOf(report)
    expect(delivery).toBe('uncertain')
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect((error as AuthenticationError).delivery).toBe('uncertain')
    expect(error.message).toBe(
      `[ordersync] [alipayplus] ${path}: the response signature does not verify with platformPublicKey — check that the key is the platform public key shown in the mini program's Development Configuration${untrustedTail}`,
    )
    expect(sent).toHaveLength(1)
  })

  it.each([
    ['truncated JSON', '{"result":{"resultStatus":"S","resultCo'],
    ['a web page', '<html><body>Welcome</body></html>'],
    ['JSON without a result', '{}'],
    ['a result without its code', '{"result":{"resultStatus":"S"}}'],
    ['a resultStatus none of S, A, U, F', '{"result":{"resultStatus":"Z","resultCode":"SUCCESS"}}'],
  ])(
    'labels a 2xx whose body is %s uncertain, with or without platformPublicKey',
    async (_what, body) => {
      for (const verify of [true, false]) {
        // The signature matches the body: only the body is wrong.
        const { fetch, sent } = wallet(() => signedAnswer(base, body))
        const report = await syncOrders({
          platform: client({ fetch, clock: () => base }, verify),
          orders: [orderNumbered(1)],
        })
        expect({ verify, body, delivery: failureOf(report).delivery }).toEqual({
          verify,
          body,
          delivery: 'uncertain',
        })
        expect(sent).toHaveLength(1)
      }
    },
  )
})

describe('Alipay+ answers bound in time: replays refused', () => {
  const repeatMessage = (responseTime: number) =>
    `[ordersync] [alipayplus] ${path}: the signed response was already accepted for an earlier request, and was made before this one (response-time ${JSON.stringify(new Date(responseTime).toISOString())}): a replayed answer — the order was sent again and got it again${untrustedTail}`

  it('trusts fresh answers, each signed at its own time', async () => {
    const time = testClock()
    const { fetch, sent } = wallet((_index, requestTime) => signedAnswer(requestTime + 40))
    const alipayplus = client({ fetch, clock: time.clock })
    for (const index of [1, 2, 3]) {
      time.set(base + index * 1000)
      const report = await syncOrders({ platform: alipayplus, orders: [orderNumbered(index)] })
      expect(report.succeeded).toBe(1)
    }
    expect(sent).toHaveLength(3)
  })

  it('refuses a genuine success replayed at once for another order (uncertain: its real answer was never read)', async () => {
    const time = testClock()
    const genuine = signedAnswer(base + 40)
    const { fetch, sent } = wallet(() => genuine)
    const alipayplus = client({ fetch, clock: time.clock })
    expect((await syncOrders({ platform: alipayplus, orders: [orderNumbered(1)] })).succeeded).toBe(
      1,
    )
    time.set(base + 60)
    const replayed = await syncOrders({ platform: alipayplus, orders: [orderNumbered(2)] })
    const { error, delivery } = failureOf(replayed)
    expect(delivery).toBe('uncertain')
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect((error as AuthenticationError).delivery).toBe('uncertain')
    expect(error.message).toBe(repeatMessage(base + 40))
    // Sent once and again three times: a replay repeats, a wallet's own answer would not.
    expect(sent.map((entry) => entry.referenceOrderId)).toEqual([
      'order-1',
      'order-2',
      'order-2',
      'order-2',
      'order-2',
    ])
  })

  it('refuses it replayed later within the window: by the signatures accepted within clockSkewMs, by the time after', async () => {
    const time = testClock()
    const genuine = signedAnswer(base + 40)
    const { fetch, sent } = wallet(() => genuine)
    const alipayplus = client({ fetch, clock: time.clock })
    expect((await syncOrders({ platform: alipayplus, orders: [orderNumbered(1)] })).succeeded).toBe(
      1,
    )

    time.set(base + 20_000)
    const within = failureOf(await syncOrders({ platform: alipayplus, orders: [orderNumbered(2)] }))
    expect([within.delivery, within.error.message]).toEqual(['uncertain', repeatMessage(base + 40)])

    time.set(base + 120_000)
    const later = failureOf(await syncOrders({ platform: alipayplus, orders: [orderNumbered(3)] }))
    expect([later.delivery, later.error.message]).toEqual([
      'uncertain',
      `[ordersync] [alipayplus] ${path}: the signed response has response-time ${JSON.stringify(new Date(base + 40).toISOString())}, more than 30000 ms before the request's Request-Time (clockSkewMs): an answer made before its request is a replay, or the clocks differ — correct this host's clock, or raise clockSkewMs if the wallet's runs behind${untrustedTail}`,
    ])
    expect(sent.filter((entry) => entry.referenceOrderId === 'order-3')).toHaveLength(1)
  })

  it('knows a replay whose signature is written with other percent-escapes', async () => {
    const time = testClock()
    const genuine = signedAnswer(base + 40)
    const rewritten = {
      ...genuine,
      headers: {
        ...genuine.headers,
        signature: (genuine.headers.signature ?? '').replace(/%[0-9A-F]{2}/g, (sequence) =>
          sequence.toLowerCase(),
        ),
      },
    }
    expect(rewritten.headers.signature).not.toBe(genuine.headers.signature)
    const { fetch } = wallet((index) => (index === 0 ? genuine : rewritten))
    const alipayplus = client({ fetch, clock: time.clock })
    expect((await syncOrders({ platform: alipayplus, orders: [orderNumbered(1)] })).succeeded).toBe(
      1,
    )
    time.set(base + 1000)
    const replayed = failureOf(
      await syncOrders({ platform: alipayplus, orders: [orderNumbered(2)] }),
    )
    expect(replayed.error.message).toBe(repeatMessage(base + 40))
  })

  it('refuses a response-time earlier than Request-Time minus clockSkewMs, and trusts one at the limit', async () => {
    for (const [skew, settings] of [
      [30_000, {}],
      [5_000, { clockSkewMs: 5_000 }],
    ] as const) {
      const early = wallet((_index, requestTime) => signedAnswer(requestTime - skew - 1))
      const refused = failureOf(
        await syncOrders({
          platform: client({ fetch: early.fetch, clock: () => base, ...settings }),
          orders: [orderNumbered(1)],
        }),
      )
      expect([AuthenticationError.isInstance(refused.error), refused.delivery]).toEqual([
        true,
        'uncertain',
      ])
      expect(refused.error.message).toContain(
        `response-time ${JSON.stringify(new Date(base - skew - 1).toISOString())}, more than ${skew} ms before the request's Request-Time (clockSkewMs)`,
      )
      expect(early.sent).toHaveLength(1)
      const atLimit = wallet((_index, requestTime) => signedAnswer(requestTime - skew))
      const report = await syncOrders({
        platform: client({ fetch: atLimit.fetch, clock: () => base, ...settings }),
        orders: [orderNumbered(1)],
      })
      expect(report.succeeded).toBe(1)
    }
  })

  it('checks the Request-Time of the attempt that was answered, not of the first', async () => {
    const time = testClock()
    // The first attempt fails (503); the second is sent 40 s later and answered with an answer
    // made between the two — earlier than its own Request-Time by more than clockSkewMs.
    const { fetch, sent } = wallet((index) => {
      time.set(base + 40_000)
      return index === 0 ? { status: 503, headers: {}, body: '' } : signedAnswer(base + 5_000)
    })
    const report = await syncOrders({
      platform: client({ fetch, clock: time.clock, retry: { maxAttempts: 2, initialDelayMs: 1 } }),
      orders: [orderNumbered(1)],
    })
    expect(sent.map((entry) => Date.parse(entry.requestTime) - base)).toEqual([0, 40_000])
    expect(failureOf(report).error.message).toContain('more than 30000 ms before the request')
  })

  it('trusts two identical answers made after their requests (a wallet answering in one millisecond)', async () => {
    const { fetch, sent } = wallet(() => signedAnswer(base + 40))
    const report = await syncOrders({
      platform: client({ fetch, clock: () => base }),
      orders: [orderNumbered(1), orderNumbered(2)],
      concurrency: 2,
    })
    expect(report.succeeded).toBe(2)
    expect(sent).toHaveLength(2)
  })

  it('sends an order again when its answer repeats an earlier one made before it, and trusts its own', async () => {
    const time = testClock()
    const first = signedAnswer(base + 40)
    const { fetch, sent } = wallet((index, requestTime) =>
      index <= 1 ? first : signedAnswer(requestTime + 40),
    )
    const alipayplus = client({ fetch, clock: time.clock })
    expect((await syncOrders({ platform: alipayplus, orders: [orderNumbered(1)] })).succeeded).toBe(
      1,
    )
    // The wallet's clock 1 s behind: order 2's answer carries order 1's time and bytes.
    time.set(base + 1_000)
    expect((await syncOrders({ platform: alipayplus, orders: [orderNumbered(2)] })).succeeded).toBe(
      1,
    )
    expect(sent.map((entry) => entry.referenceOrderId)).toEqual(['order-1', 'order-2', 'order-2'])
  })

  it('refuses a response-time more than responseTimeWindowMs after the answer came', async () => {
    const { fetch } = wallet(() => signedAnswer(base + 300_001))
    const refused = failureOf(
      await syncOrders({
        platform: client({ fetch, clock: () => base }),
        orders: [orderNumbered(1)],
      }),
    )
    expect(refused.delivery).toBe('uncertain')
    expect(refused.error.message).toContain(
      `more than 300000 ms after its answer came (responseTimeWindowMs) — correct this host's clock, or widen responseTimeWindowMs if the wallet's runs ahead`,
    )
  })

  it.each([
    ['clockSkewMs', -1],
    ['clockSkewMs', Number.NaN],
    ['clockSkewMs', Number.POSITIVE_INFINITY],
    ['clockSkewMs', '30000'],
    ['responseTimeWindowMs', -5],
  ])('refuses %s: %s at creation', (setting, value) => {
    let thrown: unknown
    try {
      client({ [setting]: value })
    } catch (error) {
      thrown = error
    }
    expect(InvalidArgumentError.isInstance(thrown)).toBe(true)
    expect((thrown as Error).message).toBe(
      `[ordersync] [alipayplus] invalid ${setting}: must be a finite number of milliseconds, 0 or more`,
    )
  })
})

describe('createAcceptedSignatures', () => {
  const signature = (seed: number) =>
    Uint8Array.from({ length: 256 }, (_, index) => (seed * 7 + index) % 256)

  it('remembers each signature once, for clockSkewMs + responseTimeWindowMs after its response-time', () => {
    const time = testClock()
    const accepted = createAcceptedSignatures({
      clockSkewMs: 1_000,
      responseTimeWindowMs: 2_000,
      clock: time.clock,
    })
    expect(accepted.remember(signature(1), base)).toBe(true)
    expect(accepted.remember(signature(1), base)).toBe(false)
    expect(accepted.remember(signature(2), base + 500)).toBe(true)
    time.set(base + 3_000)
    expect(accepted.remember(signature(1), base)).toBe(false)
    time.set(base + 3_001)
    expect(accepted.remember(signature(3), base + 3_001)).toBe(true)
    // Signature 1 is forgotten: no request could take it now.
    expect(accepted.size).toBe(2)
    expect(accepted.remember(signature(1), base)).toBe(true)
  })

  it('holds at most its limit, forgetting the oldest first', () => {
    const accepted = createAcceptedSignatures({
      clockSkewMs: 30_000,
      responseTimeWindowMs: 300_000,
      clock: () => base,
      limit: 3,
    })
    for (const seed of [1, 2, 3, 4, 5]) expect(accepted.remember(signature(seed), base)).toBe(true)
    expect(accepted.size).toBe(3)
    expect(accepted.remember(signature(5), base)).toBe(false)
    expect(accepted.remember(signature(1), base)).toBe(true)
  })
})
