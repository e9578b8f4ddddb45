import {
  createTokenManager,
  createTransport,
  type DoSyncOutcome,
  type IncomingResponse,
  type OrderSyncPlatformV1,
  omitUndefined,
  type PreparedOrder,
  type ResponseClassification,
  type RetryOptions,
  requireSetting,
  type TokenStore,
  type TransportHooks,
} from '@ordersync/core'
import * as t from 'io-ts'
import { testPlatformBatchLimit } from './test-platform-orders.ts'

// Two small platforms for the tests of core's transport, syncOrders and the contract suite,
// until the real platform packages exist. They live with the tests, not in the published API.

export interface TestPayload {
  readonly id: string
  readonly amount: number
  readonly currency: string
  readonly phone?: string
}

export interface TestClientSettings {
  readonly baseURL: string
  readonly retry?: RetryOptions
  readonly hooks?: TransportHooks
  readonly fetch?: typeof globalThis.fetch
}

function classify(response: IncomingResponse): ResponseClassification {
  if (response.status >= 500 || response.status === 408 || response.status === 429) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = response.json as { code?: unknown; message?: unknown } | undefined
  const code = typeof body?.code === 'number' ? body.code : undefined
  const message = typeof body?.message === 'string' ? body.message : undefined
  const details = {
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
  }
  if (response.status === 200 && code === 0) return { outcome: 'success' }
  if (code === -1) return { outcome: 'retryable', ...details }
  if (code === 40001) return { outcome: 'token_invalid', ...details }
  // A signature or timestamp the platform refuses: the secret or the clock, never the order.
  if (code === 4001 || code === 4002)
    return { outcome: 'failure', ...details, concerns: 'credentials' }
  return {
    outcome: 'failure',
    ...details,
    ...(message === undefined ? { message: `HTTP ${response.status}` } : {}),
  }
}

const ordersAnswer = t.type({ code: t.literal(0), data: t.type({ ids: t.array(t.string) }) })

function prepare(
  order: Parameters<OrderSyncPlatformV1<TestPayload>['prepare']>[0],
): PreparedOrder<TestPayload> {
  return {
    orderId: order.id,
    payload: {
      id: order.id,
      amount: order.payableAmount.amount,
      currency: order.payableAmount.currency,
      ...(order.buyer?.phone === undefined ? {} : { phone: order.buyer.phone }),
    },
    warnings: [],
  }
}

function outcomes(ids: readonly string[]): DoSyncOutcome[] {
  return ids.map((id) => ({ status: 'succeeded', platformIds: { id } }))
}

export function createTokenTestPlatform(
  settings: TestClientSettings & {
    readonly clientId: string
    readonly clientSecret: string
    readonly tokenStore?: TokenStore
  },
): OrderSyncPlatformV1<TestPayload> {
  requireSetting(settings, 'clientId', 'token-test')
  requireSetting(settings, 'clientSecret', 'token-test')
  const transport = createTransport({
    platform: 'token-test',
    baseURL: settings.baseURL,
    classify,
    secrets: [settings.clientSecret],
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
    tokens: {
      manager: createTokenManager({
        platform: 'token-test',
        key: `token-test:${settings.clientId}`,
        ...(settings.tokenStore === undefined ? {} : { store: settings.tokenStore }),
        fetchToken: async (signal) => {
          const { data } = await transport.send({
            endpoint: '/token-test/oauth/token',
            authenticate: false,
            signal,
            body: JSON.stringify({
              client_id: settings.clientId,
              client_secret: settings.clientSecret,
            }),
            headers: { 'content-type': 'application/json' },
            decode: t.type({ access_token: t.string, expires_in: t.number }),
            classify: (response) =>
              response.status === 200 ? { outcome: 'success' } : classify(response),
          })
          return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
        },
      }),
      apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
    },
  })
  return {
    specificationVersion: 'v1',
    platform: 'token-test',
    maxBatchSize: testPlatformBatchLimit,
    prepare,
    async doSync(batch, { signal }) {
      const { data } = await transport.send({
        endpoint: '/token-test/orders',
        body: JSON.stringify({ orders: batch.map((entry) => entry.payload) }),
        headers: { 'content-type': 'application/json' },
        decode: ordersAnswer,
        sensitive: batch.flatMap((entry) =>
          entry.payload.phone === undefined ? [] : [entry.payload.phone],
        ),
        ...(signal === undefined ? {} : { signal }),
      })
      return outcomes(data.data.ids)
    },
  }
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

export function createSignedTestPlatform(
  settings: TestClientSettings & { readonly appId: string; readonly appSecret: string },
): OrderSyncPlatformV1<TestPayload> {
  requireSetting(settings, 'appId', 'signed-test')
  requireSetting(settings, 'appSecret', 'signed-test')
  const transport = createTransport({
    platform: 'signed-test',
    baseURL: settings.baseURL,
    classify,
    secrets: [settings.appSecret],
    ...omitUndefined({ retry: settings.retry, hooks: settings.hooks, fetch: settings.fetch }),
    sign: async (request) => {
      const nonce = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) =>
        byte.toString(16).padStart(2, '0'),
      ).join('')
      const timestamp = String(Math.floor(Date.now() / 1000))
      const signature = await hmacHex(
        settings.appSecret,
        `app_id=${settings.appId}&nonce=${nonce}&timestamp=${timestamp}`,
      )
      return {
        ...request,
        query: { ...request.query, app_id: settings.appId, nonce, timestamp, signature },
      }
    },
  })
  return {
    specificationVersion: 'v1',
    platform: 'signed-test',
    maxBatchSize: testPlatformBatchLimit,
    prepare,
    async doSync(batch, { signal }) {
      const { data } = await transport.send({
        endpoint: '/signed-test/orders',
        body: JSON.stringify({ orders: batch.map((entry) => entry.payload) }),
        headers: { 'content-type': 'application/json' },
        decode: ordersAnswer,
        sensitive: batch.flatMap((entry) =>
          entry.payload.phone === undefined ? [] : [entry.payload.phone],
        ),
        ...(signal === undefined ? {} : { signal }),
      })
      return outcomes(data.data.ids)
    },
  }
}
