import * as t from 'io-ts'
import { describe, expect, it, vi } from 'vitest'
import { ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { createTokenManager } from '../tokens/token-manager.ts'
import { createTransport, type TransportOptions } from './transport.ts'
import type { IncomingResponse, ResponseClassification } from './transport-types.ts'

interface Sent {
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string | undefined
}

/** A scripted fetch: answers each request with the next reply (the last one repeats). */
function scriptedFetch(replies: readonly (Response | Error | (() => Response | Error))[]) {
  const sent: Sent[] = []
  let index = 0
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    sent.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: request.method === 'GET' ? undefined : await request.text(),
    })
    const next = replies[Math.min(index, replies.length - 1)]
    index += 1
    const reply = typeof next === 'function' ? next() : next
    if (reply instanceof Error) throw reply
    return (reply as Response).clone()
  }
  return { fetch, sent }
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

// The test platform's protocol: `{ code: 0 }` is success, -1 busy (retryable), 401 token invalid.
function classify(response: IncomingResponse): ResponseClassification {
  if (response.status >= 500 || response.status === 429 || response.status === 408) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const code = (response.json as { code?: number } | undefined)?.code
  if (code === 0) return { outcome: 'success' }
  if (code === -1) return { outcome: 'retryable', code, message: 'system busy' }
  if (code === 401) return { outcome: 'token_invalid', code, message: 'token invalid' }
  return { outcome: 'failure', ...(code === undefined ? {} : { code }), message: 'rejected' }
}

const ok = t.type({ code: t.literal(0) })

function transportWith(fetch: typeof globalThis.fetch, extra: Partial<TransportOptions> = {}) {
  const transport = createTransport({
    platform: 'test',
    baseURL: 'https://api.example.test/prefix',
    fetch,
    classify,
    random: () => 0.5,
    ...extra,
  })
  return { transport }
}

/** The waits a transport announces to `onRetry` before it waits (ky does the waiting). */
function announcedWaits() {
  const waits: number[] = []
  return { waits, hooks: { onRetry: (event: { delayMs: number }) => waits.push(event.delayMs) } }
}

describe('transport', () => {
  it('retries a retryable answer and succeeds on attempt 3, signing every attempt afresh', async () => {
    const { fetch, sent } = scriptedFetch([json({ code: -1 }), json({}, 503), json({ code: 0 })])
    let nonce = 0
    const { waits, hooks } = announcedWaits()
    const { transport } = transportWith(fetch, {
      hooks,
      sign: (request) => {
        nonce += 1
        return { ...request, query: { ...request.query, nonce: String(nonce) } }
      },
    })
    const timers = vi.spyOn(globalThis, 'setTimeout')
    const result = await transport.send({ endpoint: '/orders', body: '{"id":"o-1"}', decode: ok })
    // ky waits exactly what the transport planned and announced.
    const timerDelays = timers.mock.calls.map((call) => call[1])
    timers.mockRestore()
    expect(timerDelays).toContain(125)
    expect(timerDelays).toContain(250)
    expect(result.data).toEqual({ code: 0 })
    expect(
      result.attempts.map((attempt) => [
        attempt.attempt,
        attempt.httpStatus,
        attempt.failure,
        attempt.delayMs,
      ]),
    ).toEqual([
      [1, 200, 'system busy', 125],
      [2, 503, 'HTTP 503', 250],
      [3, 200, 'none', 0],
    ])
    expect(waits).toEqual([125, 250])
    expect(sent.map((request) => request.url)).toEqual([
      'https://api.example.test/prefix/orders?nonce=1',
      'https://api.example.test/prefix/orders?nonce=2',
      'https://api.example.test/prefix/orders?nonce=3',
    ])
    expect(sent.every((request) => request.body === '{"id":"o-1"}')).toBe(true)
  })

  it('gives up after retry.maxAttempts with an error listing every attempt', async () => {
    const { fetch, sent } = scriptedFetch([json({ code: -1 })])
    const { transport } = transportWith(fetch, { retry: { maxAttempts: 3 } })
    const error = await transport
      .send({ endpoint: '/orders', body: '{}', decode: ok })
      .catch((caught: unknown) => caught)
    expect(ApiCallError.isInstance(error)).toBe(true)
    const apiError = error as ApiCallError
    expect(apiError.message).toBe(
      '[ordersync] [test] /orders: system busy (-1); gave up after 3 attempts (retry.maxAttempts) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect(apiError.delivery).toBe('uncertain')
    expect(apiError.retryable).toBe(true)
    expect(apiError.attempts.map((attempt) => attempt.delayMs)).toEqual([125, 250, 0])
    expect(apiError.totalDelayMs).toBe(375)
    expect(sent).toHaveLength(3)
  })

  it('honours Retry-After and does not retry a non-retryable error', async () => {
    const { fetch, sent } = scriptedFetch([
      json({}, 429, { 'retry-after': '1' }),
      json({ code: 7 }),
      json({ code: 0 }),
    ])
    const { waits, hooks } = announcedWaits()
    const { transport } = transportWith(fetch, { hooks })
    const error = await transport
      .send({ endpoint: '/orders', body: '{}', decode: ok })
      .catch((caught: unknown) => caught)
    expect(waits).toEqual([1000])
    expect(sent).toHaveLength(2)
    expect((error as ApiCallError).retryable).toBe(false)
    expect((error as ApiCallError).platformCode).toBe(7)
  })

  it('waits what a retryable classification says when the answer has no Retry-After (a quota code in a 200)', async () => {
    const { fetch, sent } = scriptedFetch([json({ code: 45011 }), json({ code: 0 })])
    const { waits, hooks } = announcedWaits()
    const { transport } = transportWith(fetch, {
      hooks,
      classify: (response) =>
        (response.json as { code?: number }).code === 45011
          ? { outcome: 'retryable', code: 45011, retryAfterMs: 1_500 }
          : classify(response),
    })
    await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(waits).toEqual([1_500])
    expect(sent).toHaveLength(2)
  })

  it('gives up at once when Retry-After asks for more than retry.maxRetryAfterMs', async () => {
    const { fetch } = scriptedFetch([json({}, 503, { 'retry-after': '120' })])
    const { waits, hooks } = announcedWaits()
    const { transport } = transportWith(fetch, { hooks })
    await expect(transport.send({ endpoint: '/orders', body: '{}', decode: ok })).rejects.toThrow(
      'the platform asked to wait 120000 ms, more than retry.maxRetryAfterMs',
    )
    expect(waits).toEqual([])
  })

  it('retries dropped connections and timeouts', async () => {
    let calls = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      // ky hands fetch a Request that carries the attempt's signal.
      const signal = input instanceof Request ? input.signal : init?.signal
      calls += 1
      if (calls === 1) throw new TypeError('fetch failed', { cause: new Error('socket hang up') })
      if (calls === 2) {
        return new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason))
        })
      }
      return json({ code: 0 })
    }
    const { transport } = transportWith(fetch, { retry: { timeoutMs: 20 } })
    const result = await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(result.attempts.map((attempt) => attempt.failure)).toEqual([
      'network error: socket hang up',
      'timeout after 20 ms',
      'none',
    ])
  })

  it('on a rejected token expires exactly that token and replays once with a new one', async () => {
    const tokens = ['token-one-AAAA', 'token-two-BBBB', 'token-three-CCCC']
    let fetched = 0
    const manager = createTokenManager({
      platform: 'test',
      key: 'test:app',
      fetchToken: async () => ({ value: tokens[fetched++] as string, expiresInMs: 7_200_000 }),
    })
    const { fetch, sent } = scriptedFetch([json({ code: 401 }), json({ code: 0 })])
    const { transport } = transportWith(fetch, {
      tokens: {
        manager,
        apply: (request, token) => ({
          ...request,
          query: { ...request.query, access_token: token },
        }),
      },
    })
    const result = await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(result.attempts.map((attempt) => attempt.failure)).toEqual([
      'token rejected: token invalid',
      'none',
    ])
    expect(sent.map((request) => new URL(request.url).searchParams.get('access_token'))).toEqual([
      'token-one-AAAA',
      'token-two-BBBB',
    ])
    expect(fetched).toBe(2)
  })

  it('turns a second token rejection into an AuthenticationError, never a loop', async () => {
    let fetched = 0
    const manager = createTokenManager({
      platform: 'test',
      key: 'test:app',
      fetchToken: async () => ({ value: `token-${++fetched}-XXXX`, expiresInMs: 7_200_000 }),
    })
    const { fetch, sent } = scriptedFetch([json({ code: 401 })])
    const { transport } = transportWith(fetch, {
      tokens: {
        manager,
        apply: (request, token) => ({
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${token}` },
        }),
      },
    })
    const error = await transport
      .send({ endpoint: '/orders', body: '{}', decode: ok })
      .catch((caught: unknown) => caught)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(
      '[ordersync] [test] /orders: access token rejected (401); refreshed once and still rejected — check that the credentials belong to this app and that no other system refreshes the same token',
    )
    expect(sent).toHaveLength(2)
    expect(fetched).toBe(2)
  })

  it('reports an unexpected response shape as an ApiCallError with the status and a redacted body', async () => {
    const { fetch } = scriptedFetch([
      new Response('{"code":0,"echo":"13812345678","token":"abc"}', { status: 200 }),
    ])
    const { transport } = transportWith(fetch)
    const error = await transport
      .send({
        endpoint: '/orders',
        body: '{}',
        decode: t.type({ code: t.literal(0), data: t.string }),
      })
      .catch((caught: unknown) => caught)
    expect(ApiCallError.isInstance(error)).toBe(true)
    const apiError = error as ApiCallError
    expect(apiError.message).toBe(
      '[ordersync] [test] /orders: unexpected response shape at data (HTTP 200) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect(apiError.delivery).toBe('uncertain')
    expect(apiError.httpStatus).toBe(200)
    expect(apiError.responseBody).toBe('{"code":0,"echo":"[redacted]","token":"[redacted]"}')
  })

  it('hands hooks redacted copies: no secret, token, signature or phone number', async () => {
    const secret = 'app-secret-9f8e7d'
    const manager = createTokenManager({
      platform: 'test',
      key: 'test:redact',
      fetchToken: async () => ({ value: 'tok-5e5e5e5e', expiresInMs: 7_200_000 }),
    })
    const { fetch } = scriptedFetch([json({ code: -1, echo: secret }), json({ code: 0 })])
    const events: unknown[] = []
    const { transport } = transportWith(fetch, {
      secrets: [secret],
      tokens: {
        manager,
        apply: (request, token) => ({
          ...request,
          query: { ...request.query, access_token: token },
        }),
      },
      sign: (request) => ({
        ...request,
        headers: { ...request.headers, signature: 'sig-abcdef123456' },
      }),
      hooks: {
        onRequest: (event) => events.push(event),
        onResponse: (event) => events.push(event),
        onRetry: (event) => events.push(event),
      },
    })
    await transport.send({
      endpoint: '/orders',
      body: JSON.stringify({
        buyerPhoneNo: '13312341234',
        note: `call 13912345678 about ${secret}`,
        sha256_user_phone: 'a'.repeat(64),
      }),
      decode: ok,
    })
    const text = JSON.stringify(events)
    for (const value of [
      secret,
      'tok-5e5e5e5e',
      'sig-abcdef123456',
      '13312341234',
      '13912345678',
      'a'.repeat(64),
    ]) {
      expect(text).not.toContain(value)
    }
    expect(events[0]).toEqual({
      platform: 'test',
      endpoint: '/orders',
      attempt: 1,
      method: 'POST',
      url: 'https://api.example.test/prefix/orders?access_token=[redacted]',
      headers: { signature: '[redacted]' },
      body: '{"buyerPhoneNo":"[redacted]","note":"call [redacted] about [redacted]","sha256_user_phone":"[redacted]"}',
    })
  })

  describe('says whether the platform may hold the order', () => {
    const networkError = (code: string) =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error(`socket: ${code}`), { code }),
      })
    const deliveryAfter = async (
      replies: Parameters<typeof scriptedFetch>[0],
      extra: Partial<TransportOptions> = {},
    ) => {
      const { transport } = transportWith(scriptedFetch(replies).fetch, {
        retry: { maxAttempts: 2 },
        ...extra,
      })
      const error = await transport
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)
      expect(ApiCallError.isInstance(error)).toBe(true)
      return error as ApiCallError
    }

    it('not_sent when every attempt was refused before a connection existed', async () => {
      const error = await deliveryAfter([networkError('ECONNREFUSED')])
      expect(error.delivery).toBe('not_sent')
      expect(error.message).toBe(
        '[ordersync] [test] /orders: network error: socket: ECONNREFUSED; gave up after 2 attempts (retry.maxAttempts) — the order was not sent',
      )
    })

    it('uncertain when a connection was dropped mid-exchange, even if a later attempt was refused', async () => {
      const error = await deliveryAfter([
        networkError('UND_ERR_SOCKET'),
        networkError('ECONNREFUSED'),
      ])
      expect(error.delivery).toBe('uncertain')
    })

    it('uncertain when retries ran out on 5xx', async () => {
      const error = await deliveryAfter([json({}, 502)])
      expect(error.delivery).toBe('uncertain')
      expect(error.message).toContain(
        're-syncing it is safe, because every sync endpoint is an upsert',
      )
    })

    it('uncertain after an attempt timed out', async () => {
      const hanging: typeof globalThis.fetch = (input, init) => {
        // ky hands fetch a Request that carries the attempt's signal.
        const signal = input instanceof Request ? input.signal : init?.signal
        return new Promise((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(signal.reason))
        })
      }
      const { transport } = transportWith(hanging, { retry: { maxAttempts: 1, timeoutMs: 5 } })
      const error = (await transport
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(error.delivery).toBe('uncertain')
      expect(error.attempts[0]?.failure).toBe('timeout after 5 ms')
    })

    it('rejected when the platform answered 429 every time, or refused outright', async () => {
      expect((await deliveryAfter([json({}, 429)])).delivery).toBe('rejected')
      const refused = await deliveryAfter([json({ code: 7 })])
      expect(refused.delivery).toBe('rejected')
      expect(refused.concerns).toBe('order')
      expect(refused.message).toBe('[ordersync] [test] /orders: rejected (7)')
    })

    it('uncertain, never rejected, when a 2xx answer cannot be read (truncated JSON) or the classifier says it did not verify', async () => {
      const truncated = new Response('{"code":0,"data":{"ord', { status: 200 })
      expect((await deliveryAfter([truncated])).delivery).toBe('uncertain')
      const unverified = transportWith(scriptedFetch([json({ code: 0 })]).fetch, {
        classify: () => ({
          outcome: 'failure',
          message: 'signature does not verify',
          unreadable: true,
        }),
      })
      const error = (await unverified.transport
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(error.delivery).toBe('uncertain')
      // A non-2xx answer that is not JSON is still the platform's refusal.
      expect(
        (await deliveryAfter([new Response('<html>Not Found</html>', { status: 404 })])).delivery,
      ).toBe('rejected')
    })

    it('not_sent when no token could be had, and an AuthenticationError when its endpoint refuses the credentials', async () => {
      const tokenTransport = (status: number) => {
        const { transport } = transportWith(scriptedFetch([json({ code: 0 })]).fetch, {
          retry: { maxAttempts: 2 },
          tokens: {
            manager: createTokenManager({
              platform: 'test',
              key: `test:token-${status}`,
              fetchToken: async () => {
                throw new ApiCallError({
                  platform: 'test',
                  endpoint: '/oauth/token',
                  reason: `HTTP ${status}`,
                  httpStatus: status,
                  retryable: status >= 500,
                  delivery: status >= 500 ? 'uncertain' : 'rejected',
                })
              },
            }),
            apply: (request) => request,
          },
        })
        return transport
      }
      const down = (await tokenTransport(503)
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(ApiCallError.isInstance(down)).toBe(true)
      expect(down.delivery).toBe('not_sent')
      expect(down.retryable).toBe(true)
      expect(down.message).toBe(
        '[ordersync] [test] /oauth/token: no access token for /orders: HTTP 503 — the order was not sent',
      )
      const refused = await tokenTransport(401)
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)
      expect(AuthenticationError.isInstance(refused)).toBe(true)
      expect((refused as AuthenticationError).message).toBe(
        '[ordersync] [test] no access token for /orders: the token endpoint refused the credentials (HTTP 401) — check the app id and secret for this environment',
      )
      expect((refused as AuthenticationError).delivery).toBe('not_sent')
    })

    it("an AuthenticationError with the platform's advice when the token endpoint refuses the credentials; an ApiCallError for a configuration fault", async () => {
      const refusing = (concerns: 'credentials' | 'configuration', platformMessage: string) =>
        transportWith(scriptedFetch([json({ code: 0 })]).fetch, {
          tokens: {
            manager: createTokenManager({
              platform: 'test',
              key: `test:token-${concerns}`,
              fetchToken: async () => {
                throw new ApiCallError({
                  platform: 'test',
                  endpoint: '/oauth/token',
                  reason: platformMessage,
                  httpStatus: 200,
                  platformCode: 40125,
                  platformMessage,
                  retryable: false,
                  concerns,
                })
              },
            }),
            apply: (request) => request,
          },
        })
          .transport.send({ endpoint: '/orders', body: '{}', decode: ok })
          .catch((caught: unknown) => caught)

      const credentials = await refusing(
        'credentials',
        'the token endpoint refused: invalid appsecret — check appSecret',
      )
      expect(AuthenticationError.isInstance(credentials)).toBe(true)
      const authentication = credentials as AuthenticationError
      expect(authentication.message).toBe(
        '[ordersync] [test] no access token for /orders: the token endpoint refused: invalid appsecret — check appSecret',
      )
      expect(authentication.platformCode).toBe(40125)
      expect(authentication.concerns).toBe('credentials')
      expect(authentication.delivery).toBe('not_sent')
      expect(ApiCallError.isInstance(authentication.cause)).toBe(true)

      // A 2xx answer that is not a token (an HTML page at a wrong token URL) is not a refusal.
      const unreadable = (await transportWith(scriptedFetch([json({ code: 0 })]).fetch, {
        tokens: {
          manager: createTokenManager({
            platform: 'test',
            key: 'test:token-unreadable',
            fetchToken: async () => {
              throw new ApiCallError({
                platform: 'test',
                endpoint: '/oauth/token',
                reason: 'the answer is not a token (HTTP 200)',
                httpStatus: 200,
                retryable: false,
              })
            },
          }),
          apply: (request) => request,
        },
      })
        .transport.send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(AuthenticationError.isInstance(unreadable)).toBe(false)
      expect(ApiCallError.isInstance(unreadable)).toBe(true)
      expect(unreadable.concerns).toBe('configuration')
      expect(unreadable.delivery).toBe('not_sent')

      const configuration = await refusing('configuration', 'the token endpoint answered HTTP 404')
      expect(AuthenticationError.isInstance(configuration)).toBe(false)
      expect(ApiCallError.isInstance(configuration)).toBe(true)
      expect((configuration as ApiCallError).concerns).toBe('configuration')
      expect((configuration as ApiCallError).delivery).toBe('not_sent')
    })

    it('not_sent for a call that does not carry the order (a lookup), whatever it came to', async () => {
      const { transport } = transportWith(scriptedFetch([json({}, 503)]).fetch, {
        retry: { maxAttempts: 2 },
      })
      const error = (await transport
        .send({ endpoint: '/lookup', body: '{}', decode: ok, carriesOrder: false })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(error.delivery).toBe('not_sent')
      expect(error.message).toBe(
        '[ordersync] [test] /lookup: HTTP 503; gave up after 2 attempts (retry.maxAttempts) — the order was not sent',
      )
    })

    it('not_sent and retryable when the token store itself fails', async () => {
      const { transport } = transportWith(scriptedFetch([json({ code: 0 })]).fetch, {
        tokens: {
          manager: createTokenManager({
            platform: 'test',
            key: 'test:store-down',
            store: {
              get: async () => {
                throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
              },
              set: async () => {},
              compareAndDelete: async () => false,
            },
            fetchToken: async () => ({ value: 'never-used', expiresInMs: 1000 }),
          }),
          apply: (request) => request,
        },
      })
      const error = (await transport
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(ApiCallError.isInstance(error)).toBe(true)
      expect(error.retryable).toBe(true)
      expect(error.delivery).toBe('not_sent')
      expect(error.message).toBe(
        '[ordersync] [test] /orders: no access token: the token store failed (connect ECONNREFUSED 127.0.0.1:6379) — the order was not sent',
      )
    })

    it('passes on what a failure concerns', async () => {
      const error = await deliveryAfter([json({ code: 9 })], {
        classify: () => ({
          outcome: 'failure',
          code: 9,
          message: 'bad secret',
          concerns: 'credentials',
        }),
      })
      expect(error.concerns).toBe('credentials')
      expect(error.retryable).toBe(false)
    })

    it('not_sent when aborted before the first attempt', async () => {
      const controller = new AbortController()
      controller.abort(new Error('stop'))
      const { transport } = transportWith(scriptedFetch([json({ code: 0 })]).fetch)
      const error = (await transport
        .send({ endpoint: '/orders', body: '{}', decode: ok, signal: controller.signal })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(ApiCallError.isInstance(error)).toBe(true)
      expect(error.delivery).toBe('not_sent')
    })
  })

  describe('redacts by knowledge', () => {
    const secret = 'Zq9-distinctive-secret-Vx7'
    const signature = 'c2lnbmF0dXJlK2Jhc2U2NC92YWx1ZT09'
    const phone = '0917-123-4567'
    const echoes = (request: Sent): string[] => [
      JSON.stringify(request),
      `<html><body><pre>${request.body?.replace(/"/g, '&quot;')}</pre>signature=${encodeURIComponent(signature)}</body></html>`,
      `headers: signature: ${signature}; note: ${JSON.stringify(secret).slice(1, -1)} ${encodeURIComponent(secret)} ${btoa(secret)}`,
      `phone +63 917 123 4567, (0917) 123.4567, 09171234567`,
    ]

    it('finds every secret, signature and phone number it knows in echoed answers', async () => {
      const sent: Sent[] = []
      const replies: string[] = []
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const request = new Request(input as RequestInfo, init)
        const record: Sent = {
          url: request.url,
          headers: Object.fromEntries(request.headers),
          body: await request.text(),
        }
        sent.push(record)
        const text = echoes(record).join('\n')
        replies.push(text)
        return new Response(text, { status: 500 })
      }
      const events: unknown[] = []
      const { transport } = transportWith(fetch, {
        secrets: [secret],
        retry: { maxAttempts: 2 },
        sign: (request) => ({
          ...request,
          headers: { ...request.headers, 'x-sig': `algorithm=RSA256,signature=${signature}` },
        }),
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
          onRetry: (event) => events.push(event),
          onError: (event) =>
            events.push({
              message: event.error.message,
              body: (event.error as ApiCallError).responseBody,
            }),
        },
      })
      const body = JSON.stringify({
        orderExtendBizInfo: JSON.stringify({ contact: phone, note: secret }),
      })
      const error = (await transport
        .send({ endpoint: '/orders', body, decode: ok, sensitive: [phone] })
        .catch((caught: unknown) => caught)) as ApiCallError
      // The echo really carried every value in each form.
      expect(replies[0]).toContain(signature)
      expect(replies[0]).toContain(btoa(secret))
      const seen = `${JSON.stringify(events)}\n${error.message}\n${error.responseBody}\n${JSON.stringify(error.attempts)}`
      for (const value of [
        secret,
        JSON.stringify(secret).slice(1, -1),
        encodeURIComponent(secret),
        btoa(secret).replace(/=+$/, ''),
        signature,
        encodeURIComponent(signature),
        phone,
        '917 123 4567',
        '123.4567',
        '9171234567',
      ]) {
        expect(seen).not.toContain(value)
      }
      expect(seen).toContain('[redacted]')
    })

    it('redacts names, addresses, emails and phones of any key from echoed answers, unless told not to (phones always)', async () => {
      const body = JSON.stringify({
        storePhoneNo: '(02) 8123 4567',
        user: { name: '王芳', email: 'fang.wang@example.cn' },
        items: [{ name: 'black tea' }],
        address_info: {
          receiver_name: 'Maria Santos',
          detailed_address: '12 Ayala Avenue, Makati',
        },
      })
      const echoOf = (request: Request) =>
        request
          .text()
          .then(
            (text) =>
              new Response(
                `{"code":7,"msg":"refused: ${text.replace(/"/g, "'")} / call 02-8123-4567"}`,
                { status: 200 },
              ),
          )
      const personal = ['王芳', 'fang.wang@example.cn', 'Maria Santos', '12 Ayala Avenue, Makati']
      const phones = ['(02) 8123 4567', '02-8123-4567', '81234567']
      const run = async (redactPersonalData: boolean | undefined) => {
        const events: unknown[] = []
        const { transport } = transportWith(
          (input, init) => echoOf(new Request(input as RequestInfo, init)),
          {
            personalData: { keys: ['user.name', 'email', 'receiver_name', 'detailed_address'] },
            ...(redactPersonalData === undefined ? {} : { redactPersonalData }),
            hooks: {
              onRequest: (event) => events.push(event),
              onResponse: (event) => events.push(event),
            },
          },
        )
        const error = (await transport
          .send({ endpoint: '/orders', body, decode: ok })
          .catch((caught: unknown) => caught)) as ApiCallError
        return `${JSON.stringify(events)}\n${error.message}\n${error.responseBody}\n${JSON.stringify(error.attempts)}`
      }
      const seen = await run(undefined)
      expect([...personal, ...phones].filter((value) => seen.includes(value))).toEqual([])
      // A product's name is not a person's.
      expect(seen).toContain('black tea')
      const debugging = await run(false)
      expect(personal.filter((value) => debugging.includes(value))).toEqual(personal)
      expect(phones.filter((value) => debugging.includes(value))).toEqual([])
    })

    it('redacts nothing when no hook is set and no error is built', async () => {
      const { fetch } = scriptedFetch([json({ code: -1 }), json({ code: 0 })])
      const { transport } = transportWith(fetch, { secrets: [secret] })
      const spy = vi.spyOn(transport.redactor, 'with')
      const result = await transport.send({
        endpoint: '/orders',
        body: '{}',
        decode: ok,
        sensitive: [phone],
      })
      expect(spy).not.toHaveBeenCalled()
      // Reading the attempts is what redacts them.
      expect(result.attempts.map((entry) => entry.failure)).toEqual(['system busy', 'none'])
      expect(spy).toHaveBeenCalledTimes(1)
    })

    it('finds a signature the signer put in the body, and values in other encodings', async () => {
      const bodySignature = 'Zk9+c2lnbmVkL2luLXRoZS1ib2R5PT0='
      const answers: string[] = []
      const fetch: typeof globalThis.fetch = async (input, init) => {
        const request = new Request(input as RequestInfo, init)
        const body = await request.text()
        const text = [
          `<pre>${body.replace(/"/g, '&quot;')}</pre>`,
          bodySignature.replace(/[^A-Za-z0-9]/g, (char) => `&#${char.charCodeAt(0)};`),
          JSON.stringify(bodySignature).replace(/\//g, '\\/'),
          encodeURIComponent(bodySignature).replace(/%[0-9A-F]{2}/g, (sequence) =>
            sequence.toLowerCase(),
          ),
          `Authorization: Basic ${btoa(`merchant:${secret}`)}`,
          'call 0917 123 4567 or 09171234567 or 0917%20123%204567',
        ].join('\n')
        answers.push(text)
        return new Response(text, { status: 400 })
      }
      const events: unknown[] = []
      const { transport } = transportWith(fetch, {
        secrets: [secret],
        sign: (request) => ({
          ...request,
          body: JSON.stringify({ ...JSON.parse(request.body ?? '{}'), sign: bodySignature }),
        }),
        hooks: {
          onRequest: (event) => events.push(event),
          onResponse: (event) => events.push(event),
        },
      })
      const error = (await transport
        .send({
          endpoint: '/orders',
          body: JSON.stringify({ contact: { phone: ['+63 917 123 4567'] } }),
          decode: ok,
          sensitive: ['+63 917 123 4567'],
        })
        .catch((caught: unknown) => caught)) as ApiCallError
      const seen = `${JSON.stringify(events)}\n${error.message}\n${error.responseBody}`
      expect(answers[0]).toContain(bodySignature)
      for (const value of [
        bodySignature,
        encodeURIComponent(bodySignature).replace(/%[0-9A-F]{2}/g, (sequence) =>
          sequence.toLowerCase(),
        ),
        '&#43;c2lnbmVk',
        'c2lnbmVk\\/aW4',
        btoa(`merchant:${secret}`),
        '917 123 4567',
        '09171234567',
        '0917%20123%204567',
      ]) {
        expect(seen).not.toContain(value)
      }
      expect(seen).toContain('Basic [redacted]')
    })

    it('survives an answer of deeply nested JSON, redacting it as text', async () => {
      const deep = `${'['.repeat(200_000)}"13812345678"${']'.repeat(200_000)}`
      const { transport } = transportWith(
        scriptedFetch([new Response(deep, { status: 500 })]).fetch,
        {
          retry: { maxAttempts: 1 },
          hooks: { onResponse: () => {} },
        },
      )
      const error = (await transport
        .send({ endpoint: '/orders', body: '{}', decode: ok })
        .catch((caught: unknown) => caught)) as ApiCallError
      expect(ApiCallError.isInstance(error)).toBe(true)
      expect(error.responseBody).not.toContain('13812345678')
    })

    it('refuses a baseURL with a user name and password without repeating them', () => {
      const attempt = () =>
        createTransport({
          platform: 'test',
          baseURL: 'https://merchant:hunter2-pass@api.example.test',
          classify,
        })
      expect(attempt).toThrow(InvalidArgumentError)
      expect(attempt).toThrow(
        "[ordersync] [test] invalid baseURL: must not carry a user name or password (got https://[redacted]@api.example.test); a platform's credentials go in the client's credential settings",
      )
    })
  })

  it('redacts a whole digest even when it holds a phone-like run of digits', () => {
    const digest = `ab${'13812345678'}${'c'.repeat(51)}`
    expect(digest).toHaveLength(64)
    const { transport } = transportWith(scriptedFetch([json({ code: 0 })]).fetch)
    expect(transport.redactor.text(`hash ${digest} end`)).toBe('hash [redacted] end')
  })

  it('ignores a hook that throws', async () => {
    const { fetch } = scriptedFetch([json({ code: 0 })])
    const { transport } = transportWith(fetch, {
      hooks: {
        onRequest: () => {
          throw new Error('broken hook')
        },
      },
    })
    await expect(
      transport.send({ endpoint: '/orders', body: '{}', decode: ok }),
    ).resolves.toMatchObject({ status: 200 })
  })

  it('times the whole answer out, body included: a body that stalls is a timeout, and the retry succeeds', async () => {
    let calls = 0
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const signal = input instanceof Request ? input.signal : init?.signal
      calls += 1
      if (calls > 1) return json({ code: 0 })
      // The headers come at once; the body sends half a JSON object and then nothing.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"code":'))
          signal?.addEventListener('abort', () => controller.error(signal.reason))
        },
      })
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
    }
    const { transport } = transportWith(fetch, { retry: { timeoutMs: 30 } })
    const result = await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(result.attempts.map((attempt) => attempt.failure)).toEqual([
      'timeout after 30 ms',
      'none',
    ])
  })

  it("puts the client's user agent on every request, after the one the call sets", async () => {
    const { fetch, sent } = scriptedFetch([json({ code: -1 }), json({ code: 0 })])
    const { transport } = transportWith(fetch, { userAgent: 'ordersync/test/1.2.3' })
    await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    await transport.send({
      endpoint: '/orders',
      body: '{}',
      decode: ok,
      headers: { 'User-Agent': 'my-shop/2.0' },
    })
    expect(sent.map((request) => request.headers['user-agent'])).toEqual([
      'ordersync/test/1.2.3',
      'ordersync/test/1.2.3',
      'my-shop/2.0 ordersync/test/1.2.3',
    ])
    // Without the setting, no User-Agent is added: the bytes sent stay what they were.
    const plain = scriptedFetch([json({ code: 0 })])
    await transportWith(plain.fetch).transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(plain.sent[0]?.headers['user-agent']).toBeUndefined()
  })

  it('replays a rejected token even with retry.maxAttempts 1: the replay is not a retry', async () => {
    let fetched = 0
    const manager = createTokenManager({
      platform: 'test',
      key: 'test:one-attempt',
      fetchToken: async () => ({ value: `token-${++fetched}-YYYY`, expiresInMs: 7_200_000 }),
    })
    const { fetch, sent } = scriptedFetch([json({ code: 401 }), json({ code: 0 })])
    const { transport } = transportWith(fetch, {
      retry: { maxAttempts: 1 },
      tokens: {
        manager,
        apply: (request, token) => ({
          ...request,
          query: { ...request.query, access_token: token },
        }),
      },
    })
    const result = await transport.send({ endpoint: '/orders', body: '{}', decode: ok })
    expect(result.attempts.map((attempt) => [attempt.attempt, attempt.failure])).toEqual([
      [1, 'token rejected: token invalid'],
      [2, 'none'],
    ])
    expect(sent).toHaveLength(2)
  })

  it('starts no retry whose wait would end past retry.maxElapsedMs', async () => {
    let clock = 0
    const { fetch, sent } = scriptedFetch([
      () => {
        // Each attempt takes 450 ms on the transport's clock.
        clock += 450
        return json({ code: -1 })
      },
    ])
    const { transport } = transportWith(fetch, {
      now: () => clock,
      retry: { maxElapsedMs: 1000, initialDelayMs: 400, maxDelayMs: 400 },
    })
    const error = (await transport
      .send({ endpoint: '/orders', body: '{}', decode: ok })
      .catch((caught: unknown) => caught)) as ApiCallError
    expect(error.message).toBe(
      '[ordersync] [test] /orders: system busy (-1); waiting 200 ms more would exceed retry.maxElapsedMs (1000 ms) — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    // 450 + 200 fits the budget; 900 + 200 does not.
    expect(error.attempts.map((attempt) => attempt.delayMs)).toEqual([200, 0])
    expect(sent).toHaveLength(2)
  })

  it('reads Retry-After as a date too, and on any retryable answer, an HTTP 200 "busy" included', async () => {
    const now = Date.parse('2024-05-20T02:00:00Z')
    for (const answer of [
      json({}, 503, { 'retry-after': new Date(now + 120_000).toUTCString() }),
      json({ code: -1 }, 200, { 'retry-after': '120' }),
    ]) {
      const { waits, hooks } = announcedWaits()
      const { transport } = transportWith(scriptedFetch([answer]).fetch, { now: () => now, hooks })
      await expect(transport.send({ endpoint: '/orders', body: '{}', decode: ok })).rejects.toThrow(
        'the platform asked to wait 120000 ms, more than retry.maxRetryAfterMs',
      )
      expect(waits).toEqual([])
    }
  })

  it('says the order may be stored when aborted while the request was out, and sends nothing more', async () => {
    const controller = new AbortController()
    const reason = new Error('stop')
    let sent = 0
    const fetch: typeof globalThis.fetch = (input, init) => {
      const signal = input instanceof Request ? input.signal : init?.signal
      sent += 1
      return new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason))
        controller.abort(reason)
      })
    }
    const { transport } = transportWith(fetch)
    const error = (await transport
      .send({ endpoint: '/orders', body: '{}', decode: ok, signal: controller.signal })
      .catch((caught: unknown) => caught)) as ApiCallError
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect(error.message).toBe(
      '[ordersync] [test] /orders: the call was aborted — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    expect(error.delivery).toBe('uncertain')
    expect(error.cause).toBe(reason)
    expect(sent).toBe(1)
  })

  it('stops a waiting retry when aborted', async () => {
    const { fetch } = scriptedFetch([json({ code: -1 })])
    const controller = new AbortController()
    const transport = createTransport({
      platform: 'test',
      baseURL: 'https://api.example.test',
      fetch,
      classify,
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
      random: () => 0.9,
    })
    const pending = transport.send({
      endpoint: '/orders',
      body: '{}',
      decode: ok,
      signal: controller.signal,
    })
    const reason = new Error('stop')
    setTimeout(() => controller.abort(reason), 10)
    const error = (await pending.catch((caught: unknown) => caught)) as ApiCallError
    expect(ApiCallError.isInstance(error)).toBe(true)
    expect(error.message).toBe(
      '[ordersync] [test] /orders: the call was aborted — the platform may have stored the order; re-syncing it is safe, because every sync endpoint is an upsert',
    )
    // The one attempt made was answered "busy", which does not say the order was not stored.
    expect(error.delivery).toBe('uncertain')
    expect(error.cause).toBe(reason)
    expect(error.attempts).toHaveLength(1)
  })

  it.each([
    [
      { retry: { maxAttempts: -1 } },
      '[ordersync] [test] invalid retry.maxAttempts: must be an integer of at least 1, got -1',
    ],
    [
      { retry: { timeoutMs: 0 } },
      '[ordersync] [test] invalid retry.timeoutMs: must be an integer of at least 1, got 0',
    ],
    [
      { baseURL: 'api.example.test' },
      '[ordersync] [test] invalid baseURL: must be an absolute http(s) URL without query or fragment, such as "https://api.example.com"; got "api.example.test"',
    ],
    [{ baseURL: 'ftp://api.example.test' }, /invalid baseURL/],
    [{ baseURL: 'https://api.example.test/?x=1' }, /invalid baseURL/],
    [
      { userAgent: 'ordersync/test/1.0.0\r\nX-Injected: 1' },
      '[ordersync] [test] invalid userAgent: must be a one-line string such as "ordersync/youshu/0.3.0"; got "ordersync/test/1.0.0\\r\\nX-Injected: 1"',
    ],
  ] as const)('refuses settings that cannot work: %j', (settings, message) => {
    expect(() =>
      createTransport({
        platform: 'test',
        baseURL: 'https://api.example.test',
        classify,
        ...(settings as Partial<TransportOptions>),
      }),
    ).toThrow(message)
    try {
      createTransport({
        platform: 'test',
        baseURL: 'https://api.example.test',
        classify,
        ...(settings as Partial<TransportOptions>),
      })
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
    }
  })
})
