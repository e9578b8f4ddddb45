import {
  createTokenManager,
  createTransport,
  omitUndefined,
  type PersonalDataKeys,
  postJson,
  type RetryOptions,
  type TokenStore,
  type TransportHooks,
} from '@ordersync/core'
import * as t from 'io-ts'
import { classifyBaiduResponse, classifyBaiduTokenResponse } from './baidu-errors.ts'
import type { BaiduOrderQuery } from './baidu-order-schema.ts'
import type { BaiduResponse } from './baidu-response.ts'
import { baiduVersion } from './baidu-version.ts'

/** What {@link createBaiduSend} needs, checked by `createBaidu`. */
export interface BaiduTransportSettings {
  readonly appKey: string
  readonly appSecret: string
  readonly paymentAppKey: string
  readonly baseURL: string
  readonly tokenURL: URL
  readonly retryableErrnos: readonly number[]
  readonly orderErrnos: readonly number[]
  readonly tokenStore?: TokenStore | undefined
  readonly retry?: RetryOptions | undefined
  readonly hooks?: TransportHooks | undefined
  readonly fetch?: typeof globalThis.fetch | undefined
  readonly redactPersonalData?: boolean | undefined
}

/**
 * Sends one order-center call and returns Baidu's envelope (a gateway error, a business `errno`
 * or a transport failure throws core's errors, redacted).
 */
export type BaiduSend = (
  endpoint: string,
  query: BaiduOrderQuery,
  body: unknown,
  signal: AbortSignal | undefined,
) => Promise<BaiduResponse>

const tokenAnswer = t.type({ access_token: t.string, expires_in: t.number })

/**
 * `rows_affected`: a count, "0 为失败 非0为成功" (返回值参数说明) — an int in the table, a string
 * in the example. Anything else (`""`, `null`, a negative or fractional number) says neither, so
 * the answer does not decode and the order's delivery is uncertain, never applied nor refused.
 */
function isRowCount(value: unknown): value is string | number {
  return (
    (typeof value === 'string' && /^\d+$/.test(value)) ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  )
}
const rowsAffected = new t.Type<string | number, string | number, unknown>(
  'RowsAffected',
  isRowCount,
  (value, context) => (isRowCount(value) ? t.success(value) : t.failure(value, context)),
  t.identity,
)
const row = t.intersection([
  t.type({ rows_affected: rowsAffected }),
  t.partial({
    biz_app_id: t.string,
    cate_id: t.union([t.string, t.number]),
    resource_id: t.string,
  }),
])

// Baidu's envelope (返回值参数说明).
const envelope: t.Decoder<unknown, BaiduResponse> = t.intersection([
  t.type({ errno: t.number }),
  t.partial({ msg: t.string, data: t.union([t.array(row), t.null]) }),
])

/**
 * The keys on Baidu's wire whose values are a buyer's or receiver's name, address or email: none.
 * The order center takes the buyer as `open_id` or `swan_id` (ids, in the query) and no contact,
 * address or delivery field (订单同步接口: every `Name` in a body is a product's, a fee's, a
 * specification's, a link's or a carrier's), and the conversion sends no phone number. Passed to
 * the transport all the same, so that a key added to the wire is one line here.
 */
const baiduPersonalData: PersonalDataKeys = { keys: [] }

/**
 * The order-center transport of one client: a client-credentials token (开发者服务权限说明) kept
 * by core's token manager, and the calls with the query in the order Baidu's SDKs send it:
 * `access_token`, `open_id`, `swan_id`, `scene_id`, `scene_type` (2 unless given), `pm_app_key`.
 *
 * @param settings - The checked credentials, URLs and transport settings.
 * @returns The function that sends a call.
 */
export function createBaiduSend(settings: BaiduTransportSettings): BaiduSend {
  const platform = 'baidu'
  const { appKey, appSecret, tokenURL } = settings
  const common = {
    platform,
    secrets: [appSecret],
    personalData: baiduPersonalData,
    ...omitUndefined({
      retry: settings.retry,
      hooks: settings.hooks,
      fetch: settings.fetch,
      redactPersonalData: settings.redactPersonalData,
    }),
  }
  const tokenTransport = createTransport({
    userAgent: `ordersync/baidu/${baiduVersion}`,
    ...common,
    baseURL: tokenURL.origin,
    classify: classifyBaiduTokenResponse,
  })
  const manager = createTokenManager({
    platform,
    key: `baidu:${appKey}`,
    ...(settings.tokenStore === undefined ? {} : { store: settings.tokenStore }),
    // Client credentials (开发者服务权限说明): a new token whenever needed, for expires_in seconds
    // (a month by default, but honoured as given); the refresh_token is not needed. The signal
    // aborts the shared request once every caller waiting for it has given up.
    fetchToken: async (signal) => {
      const { data } = await tokenTransport.send({
        endpoint: tokenURL.pathname,
        authenticate: false,
        signal,
        query: {
          grant_type: 'client_credentials',
          client_id: appKey,
          client_secret: appSecret,
          scope: 'smartapp_snsapi_base',
        },
        decode: tokenAnswer,
      })
      return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
    },
  })
  const transport = createTransport({
    userAgent: `ordersync/baidu/${baiduVersion}`,
    ...common,
    baseURL: settings.baseURL,
    classify: (response) =>
      classifyBaiduResponse(response, settings.retryableErrnos, settings.orderErrnos),
    tokens: {
      manager,
      // access_token first, as Baidu's SDKs send it; the per-order parameters follow.
      apply: (request, token) => ({ ...request, query: { access_token: token, ...request.query } }),
    },
  })

  return async (endpoint, query, body, signal) => {
    const { data } = await postJson(transport, {
      endpoint,
      query: omitUndefined({
        open_id: query.open_id,
        swan_id: query.swan_id,
        scene_id: query.scene_id,
        scene_type: String(query.scene_type ?? 2),
        pm_app_key: settings.paymentAppKey,
      }),
      json: body,
      decode: envelope,
      signal,
    })
    return data
  }
}
