import * as t from 'io-ts'
import { isRetryableHttpStatus } from '../ground/is-retryable-http-status.ts'
import type { Transport } from '../http/transport.ts'
import type {
  IncomingResponse,
  ResponseClassification,
  TransportTokenAuth,
} from '../http/transport-types.ts'
import { createTokenManager, type FetchedToken } from '../tokens/token-manager.ts'
import type { TokenStore } from '../tokens/token-store.ts'
import { postJson } from './post-json.ts'
import { readWechatEnvelope } from './wechat-envelope.ts'

// One WeChat access token serves every API of an app: the order center (@ordersync/wechat) and
// the shipping service (@ordersync/wechat-shipping) alike. Both packages fetch it here, under one
// store key, so that with the same app id and token store they share one token and one refresh,
// and neither imports the other. WeChat's pages: getStableAccessToken
// (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html)
// and getAccessToken (…/mp-access-token/getAccessToken.html).

/**
 * Which WeChat endpoint issues the access token: the stable token (`POST /cgi-bin/stable_token`,
 * which a second caller does not invalidate) or the classic one (`GET /cgi-bin/token`). The two are
 * separate tokens ("与 getAccessToken 获取的调用凭证完全隔离"): clients that share a token must use
 * the same one.
 *
 * @example
 * ```ts
 * const endpoint: WechatTokenEndpoint = 'stable'
 * ```
 */
export type WechatTokenEndpoint = 'stable' | 'classic'

/**
 * The paths of WeChat's two token endpoints.
 *
 * @example
 * ```ts
 * wechatTokenPaths.stable // '/cgi-bin/stable_token'
 * ```
 */
export const wechatTokenPaths: { readonly stable: string; readonly classic: string } = {
  stable: '/cgi-bin/stable_token',
  classic: '/cgi-bin/token',
}

/**
 * The token store key of an app's WeChat access token: the same for every package that calls
 * WeChat with that app id and endpoint, so that they share the token in a shared store.
 *
 * @param appId - The mini program's AppID.
 * @param endpoint - The token endpoint.
 * @returns The key, `wechat:<appId>:<endpoint>`.
 * @example
 * ```ts
 * wechatTokenKey('wx1234567890abcdef', 'stable') // 'wechat:wx1234567890abcdef:stable'
 * ```
 */
export function wechatTokenKey(appId: string, endpoint: WechatTokenEndpoint): string {
  return `wechat:${appId}:${endpoint}`
}

/**
 * What fetching a WeChat access token needs.
 *
 * @example
 * ```ts
 * const request: WechatTokenRequest = { appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', endpoint: 'stable' }
 * ```
 */
export interface WechatTokenRequest {
  readonly appId: string
  readonly appSecret: string
  readonly endpoint: WechatTokenEndpoint
}

// Built on first use: a program that never fetches a WeChat token does not load its decoder (nor
// does a bundle of syncOrders alone carry it).
let tokenAnswer: t.Type<{ access_token: string; expires_in: number }> | undefined
const tokenAnswerDecoder = (): t.Type<{ access_token: string; expires_in: number }> => {
  tokenAnswer ??= t.type({ access_token: t.string, expires_in: t.number })
  return tokenAnswer
}

/**
 * What a WeChat package's transport needs for its access token: the app, the endpoint, the
 * platform id for errors and hooks, the clock, and the store shared with other processes.
 *
 * @example
 * ```ts
 * const options: WechatTokenAuthOptions = { platform: 'wechat', appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', endpoint: 'stable', now: Date.now }
 * ```
 */
export interface WechatTokenAuthOptions extends WechatTokenRequest {
  readonly platform: string
  /** Epoch milliseconds: the token manager's clock. */
  readonly now: () => number
  /** Where the token is kept; one process's memory when left out. */
  readonly store?: TokenStore | undefined
}

/**
 * The `tokens` option of a WeChat package's transport: core's token manager under
 * {@link wechatTokenKey}, fetching with {@link fetchWechatAccessToken} through the transport
 * itself, and the token in the `access_token` query parameter. Every package calling WeChat with
 * one app id, endpoint and store shares one token and one refresh.
 *
 * @param options - The app, the endpoint, the platform id, the clock and the store.
 * @param transport - The transport the token is fetched through (the one being made: read when
 *   the first token is fetched).
 * @returns The transport's token setting.
 * @example
 * ```ts
 * import type { Transport } from '@ordersync/core'
 * import { createTransport, wechatTokenAuth } from '@ordersync/core'
 *
 * const transport: Transport = createTransport({
 *   platform: 'wechat',
 *   baseURL: 'https://api.weixin.qq.com',
 *   classify: () => ({ outcome: 'success' }),
 *   tokens: wechatTokenAuth(
 *     { platform: 'wechat', appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', endpoint: 'stable', now: Date.now },
 *     () => transport,
 *   ),
 * })
 * ```
 */
export function wechatTokenAuth(
  options: WechatTokenAuthOptions,
  transport: () => Transport,
): TransportTokenAuth {
  const { appId, appSecret, endpoint } = options
  return {
    manager: createTokenManager({
      platform: options.platform,
      key: wechatTokenKey(appId, endpoint),
      now: options.now,
      ...(options.store === undefined ? {} : { store: options.store }),
      fetchToken: (signal) =>
        fetchWechatAccessToken(transport(), { appId, appSecret, endpoint }, signal),
    }),
    apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
  }
}

/**
 * Fetches an app's WeChat access token through `transport` (unauthenticated): `POST
 * /cgi-bin/stable_token` with `force_refresh: false` (WeChat allows 20 forced refreshes a day), or
 * `GET /cgi-bin/token`. Hand it to core's token manager as `fetchToken`, under
 * {@link wechatTokenKey}.
 *
 * @param transport - The package's transport (its base URL, retries and redaction).
 * @param request - The app's credentials and the endpoint; the answer is read by
 *   {@link classifyWechatTokenResponse}.
 * @param signal - Ends the request once every caller waiting for the shared refresh aborted.
 * @returns The token and its lifetime.
 * @throws `ApiCallError` or `AuthenticationError`, as the transport and the classifier say.
 * @example
 * ```ts
 * import { createTransport, fetchWechatAccessToken } from '@ordersync/core'
 *
 * const transport = createTransport({
 *   platform: 'wechat',
 *   baseURL: 'https://api.weixin.qq.com',
 *   classify: () => ({ outcome: 'success' }),
 *   fetch: async () => new Response('{"access_token":"ACCESS_TOKEN","expires_in":7200}'),
 * })
 * const token = await fetchWechatAccessToken(
 *   transport,
 *   { appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', endpoint: 'stable' },
 *   new AbortController().signal,
 * )
 * token.expiresInMs // 7200000
 * ```
 */
export async function fetchWechatAccessToken(
  transport: Transport,
  request: WechatTokenRequest,
  signal: AbortSignal,
): Promise<FetchedToken> {
  const { appId, appSecret, endpoint } = request
  const classify = classifyWechatTokenResponse
  const { data } =
    endpoint === 'stable'
      ? await postJson(transport, {
          endpoint: wechatTokenPaths.stable,
          authenticate: false,
          carriesOrder: false,
          signal,
          json: {
            grant_type: 'client_credential',
            appid: appId,
            secret: appSecret,
            force_refresh: false,
          },
          decode: tokenAnswerDecoder(),
          classify,
        })
      : await transport.send({
          endpoint: wechatTokenPaths.classic,
          method: 'GET',
          authenticate: false,
          carriesOrder: false,
          signal,
          query: { grant_type: 'client_credential', appid: appId, secret: appSecret },
          decode: tokenAnswerDecoder(),
          classify,
        })
  return { value: data.access_token, expiresInMs: data.expires_in * 1000 }
}

// What the token endpoints' own refusals mean (WeChat's global return codes): no order is involved,
// so each is about the credentials or the configuration.
const tokenRetryable: Readonly<Record<number, string>> = {
  [-1]: 'system busy',
  45011: 'API minute quota reached',
}
const wrongSecret =
  'check that appSecret is the current AppSecret of the mini program named by appId'
const tokenAdvice: Readonly<Record<number, string>> = {
  40001: wrongSecret,
  40125: wrongSecret,
  40013: 'check the appId setting: the mini program’s AppID from 开发管理 → 开发设置',
  40164: 'add the server’s IP to the mini program’s IP whitelist (开发管理 → 开发设置)',
}

/**
 * Reads an answer of WeChat's token endpoints (`cgi-bin/stable_token`, `cgi-bin/token`): an
 * `access_token` is success; HTTP 408, 429, 5xx, -1 and 45011 are temporary; everything else is
 * about the credentials or the configuration, since no order is involved — 40001 and 40125 mean a
 * wrong secret here (not a stale token) and 40013 a wrong app id, the credentials; anything else,
 * such as 41002 (no app id) or 40164 (the IP whitelist), is about the configuration.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * const answer = classifyWechatTokenResponse({ status: 200, headers: new Headers(), text: '{"errcode":40013}', json: { errcode: 40013, errmsg: 'invalid appid' } })
 * 'concerns' in answer ? answer.concerns : undefined // 'credentials'
 * ```
 */
export function classifyWechatTokenResponse(response: IncomingResponse): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = response.json as { access_token?: unknown } | undefined
  if (response.status === 200 && typeof body?.access_token === 'string') {
    return { outcome: 'success' }
  }
  const { errcode, errmsg } = readWechatEnvelope(response)
  const busy = errcode === undefined ? undefined : tokenRetryable[errcode]
  if (errcode !== undefined && busy !== undefined) {
    return { outcome: 'retryable', code: errcode, message: errmsg ?? busy }
  }
  const credentials = errcode === 40001 || errcode === 40125 || errcode === 40013
  const advice =
    (errcode === undefined ? undefined : tokenAdvice[errcode]) ?? 'check appId and appSecret'
  return {
    outcome: 'failure',
    ...(errcode === undefined ? {} : { code: errcode }),
    message: `the token endpoint refused: ${errmsg ?? `HTTP ${response.status}`} — ${advice}`,
    concerns: credentials ? 'credentials' : 'configuration',
  }
}
