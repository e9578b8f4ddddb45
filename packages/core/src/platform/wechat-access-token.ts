import * as t from 'io-ts'
import type { Transport } from '../http/transport.ts'
import type { IncomingResponse, ResponseClassification } from '../http/transport-types.ts'
import type { FetchedToken } from '../tokens/token-manager.ts'
import { postJson } from './post-json.ts'

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
 * const request: WechatTokenRequest = {
 *   appId: 'wx1234567890abcdef',
 *   appSecret: 'app-secret-value',
 *   endpoint: 'stable',
 *   classify: (response) => (response.status === 200 ? { outcome: 'success' } : { outcome: 'failure' }),
 * }
 * ```
 */
export interface WechatTokenRequest {
  readonly appId: string
  readonly appSecret: string
  readonly endpoint: WechatTokenEndpoint
  /** Reads the token endpoint's answer (the package's own table of WeChat codes). */
  readonly classify: (response: IncomingResponse) => ResponseClassification
}

// Built on first use: a program that never fetches a WeChat token does not load its decoder (nor
// does a bundle of syncOrders alone carry it).
let tokenAnswer: t.Type<{ access_token: string; expires_in: number }> | undefined
const tokenAnswerDecoder = (): t.Type<{ access_token: string; expires_in: number }> => {
  tokenAnswer ??= t.type({ access_token: t.string, expires_in: t.number })
  return tokenAnswer
}

/**
 * Fetches an app's WeChat access token through `transport` (unauthenticated): `POST
 * /cgi-bin/stable_token` with `force_refresh: false` (WeChat allows 20 forced refreshes a day), or
 * `GET /cgi-bin/token`. Hand it to core's token manager as `fetchToken`, under
 * {@link wechatTokenKey}.
 *
 * @param transport - The package's transport (its base URL, retries and redaction).
 * @param request - The app's credentials, the endpoint and the answer's classifier.
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
 *   { appId: 'wx1234567890abcdef', appSecret: 'app-secret-value', endpoint: 'stable', classify: () => ({ outcome: 'success' }) },
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
  const { appId, appSecret, endpoint, classify } = request
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
