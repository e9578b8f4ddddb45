import { randomBytes } from 'node:crypto'
import type {
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from '../sandbox-types.ts'
import { isObject } from './json-checks.ts'

// One mini program's access tokens, as WeChat issues them to every server API of the account:
// "获取接口调用凭据" cgi-bin/token
// (https://developers.weixin.qq.com/minigame/en/dev/api-backend/open-api/access-token/auth.getAccessToken.html)
// and "获取稳定版接口调用凭据" cgi-bin/stable_token
// (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getStableAccessToken.html).
// A token is the app's, not an API family's: the custom transaction component and the order
// shipping service take the same one, so the WeChat modules of one sandbox share one authority.

// The stable token: a normal-mode call renews it when 300 s or less remain; force_refresh at most
// 20 times a day and 30 s apart (getStableAccessToken).
const renewWithin = 300_000
const forceRefreshesPerDay = 20
const forceRefreshInterval = 30_000
const beijing = 8 * 3600_000

// WeChat's global return codes of the token calls and of a token on an API call; the modules'
// exported code tables (wechatSandboxErrcodes, wechatShippingSandboxErrcodes) name the same values.
const tokenErrcodes = {
  invalidCredential: 40001,
  invalidGrantType: 40002,
  invalidAppId: 40013,
  invalidAppSecret: 40125,
  accessTokenMissing: 41001,
  appIdMissing: 41002,
  appSecretMissing: 41004,
  accessTokenExpired: 42001,
  quotaLimit: 45009,
  dataFormatError: 47001,
} as const

/**
 * The app a {@link WechatTokenAuthority} issues tokens for: the mini program's `appId` and
 * `appSecret`, named as the WeChat clients name their settings.
 *
 * @example
 * ```ts
 * const { appId, appSecret }: WechatTokenCredentials = createWechatTokenAuthority().credentials
 * ```
 */
export type WechatTokenCredentials = {
  readonly appId: string
  readonly appSecret: string
}

/**
 * Options of {@link createWechatTokenAuthority}.
 *
 * @example
 * ```ts
 * createWechatTokenAuthority({ tokenLifetimeSeconds: 600 })
 * ```
 */
export interface WechatTokenAuthorityOptions {
  /**
   * The lifetime of a new token, seconds (WeChat: "7200秒之内的值"). The stable token is renewed
   * by a normal-mode call once 300 s or less remain, so it is at least 301.
   *
   * @default 7200
   */
  readonly tokenLifetimeSeconds?: number
}

/**
 * One mini program's access tokens, shared by the WeChat modules of a sandbox: its token routes
 * and the check of an API call's `access_token`.
 *
 * @example
 * ```ts
 * const tokenAuthority = createWechatTokenAuthority()
 * const modules = [
 *   createWechatSandboxModule({ tokenAuthority }),
 *   createWechatShippingSandboxModule({ tokenAuthority }),
 * ]
 * ```
 */
export interface WechatTokenAuthority {
  /** The app it issues tokens for. */
  readonly credentials: WechatTokenCredentials
  /**
   * `GET /cgi-bin/token` and `POST /cgi-bin/stable_token`: the very same route objects in every
   * module that shares the authority, which the sandbox serves once.
   */
  readonly routes: readonly SandboxRoute[]
  /**
   * The refusal of an API call's `access_token` query parameter — 41001 missing, 40001 unknown,
   * replaced or invalidated, 42001 expired, each `{errcode, errmsg}` with HTTP 200 — or
   * `undefined` when the token is good.
   */
  checkAccessToken(request: SandboxRequest, now: number): SandboxResponse | undefined
  /** Forgets every issued token. */
  invalidateTokens(): void
  /** Forgets every issued token and the day's force_refresh count. */
  reset(): void
}

/** What the token routes share: the credentials, the lifetime and the tokens issued. */
interface TokenState {
  readonly credentials: WechatTokenCredentials
  /** The lifetime of a new token, seconds. */
  readonly lifetime: number
  /** Valid tokens and when they expire, epoch milliseconds. */
  readonly tokens: Map<string, number>
  /** The latest classic token: each new one invalidates it. */
  classicToken: string | undefined
  /** The current stable token, renewed once 300 s or less remain. */
  stableToken: string | undefined
  /** The stable token's force_refresh calls of the last Beijing day one was made. */
  forceRefreshes: { day: string; count: number; last: number } | undefined
}

const answer = (errcode: number, errmsg: string): SandboxResponse => ({
  status: 200,
  body: { errcode, errmsg },
})

function issueNewToken(
  state: TokenState,
  now: number,
): { access_token: string; expires_in: number } {
  const token = randomBytes(48).toString('base64url')
  state.tokens.set(token, now + state.lifetime * 1000)
  return { access_token: token, expires_in: state.lifetime }
}

/** The refusal of a token request's grant_type, appid or secret, in WeChat's order, or undefined. */
function checkClient(
  credentials: WechatTokenCredentials,
  grantType: unknown,
  appId: unknown,
  secret: unknown,
): SandboxResponse | undefined {
  if (grantType !== 'client_credential')
    return answer(tokenErrcodes.invalidGrantType, 'invalid grant_type')
  if (appId === undefined || appId === null || appId === '')
    return answer(tokenErrcodes.appIdMissing, 'appid missing')
  if (appId !== credentials.appId) return answer(tokenErrcodes.invalidAppId, 'invalid appid')
  if (secret === undefined || secret === null || secret === '')
    return answer(tokenErrcodes.appSecretMissing, 'appsecret missing')
  if (secret !== credentials.appSecret)
    return answer(tokenErrcodes.invalidAppSecret, 'invalid appsecret')
  return undefined
}

/** `GET /cgi-bin/token`: a new classic token, which invalidates the previous one. */
function issueClassicToken(
  state: TokenState,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxResponse {
  const { query } = request
  const refused = checkClient(
    state.credentials,
    query.get('grant_type'),
    query.get('appid'),
    query.get('secret'),
  )
  if (refused !== undefined) return refused
  // "每次获取都会使上一次的 access_token 失效": only the latest classic token works.
  if (state.classicToken !== undefined) state.tokens.delete(state.classicToken)
  const issued = issueNewToken(state, context.now())
  state.classicToken = issued.access_token
  return { status: 200, body: issued }
}

/** Counts a force_refresh, or refuses it: 20 a Beijing calendar day, 30 s apart. */
function countForceRefresh(state: TokenState, now: number): SandboxResponse | undefined {
  const day = new Date(now + beijing).toISOString().slice(0, 10)
  const today =
    state.forceRefreshes?.day === day ? state.forceRefreshes : { day, count: 0, last: -Infinity }
  if (today.count >= forceRefreshesPerDay)
    return answer(tokenErrcodes.quotaLimit, 'reach max api daily quota limit')
  if (now - today.last < forceRefreshInterval)
    return answer(
      tokenErrcodes.quotaLimit,
      'sandbox: force_refresh again within 30 s of the last one',
    )
  state.forceRefreshes = { day, count: today.count + 1, last: now }
  return undefined
}

/** The current stable token while more than 300 s of it remain, or undefined for a new one. */
function currentStableToken(state: TokenState, now: number): SandboxResponse | undefined {
  const { stableToken } = state
  const expiresAt = stableToken === undefined ? undefined : state.tokens.get(stableToken)
  if (stableToken !== undefined && expiresAt !== undefined && expiresAt - now > renewWithin) {
    return {
      status: 200,
      body: { access_token: stableToken, expires_in: Math.floor((expiresAt - now) / 1000) },
    }
  }
  return undefined
}

/**
 * `POST /cgi-bin/stable_token`: in normal mode the current token while it lasts, else a new one
 * beside it; with force_refresh, a new one that invalidates it.
 */
function issueStableToken(
  state: TokenState,
  request: SandboxRequest,
  context: SandboxContext,
): SandboxResponse {
  const body = request.json
  if (!isObject(body))
    return answer(tokenErrcodes.dataFormatError, 'sandbox: body: must be a JSON object')
  const refused = checkClient(state.credentials, body.grant_type, body.appid, body.secret)
  if (refused !== undefined) return refused
  if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean')
    return answer(tokenErrcodes.dataFormatError, 'sandbox: body.force_refresh: must be a boolean')
  const now = context.now()
  if (body.force_refresh === true) {
    const refusedRefresh = countForceRefresh(state, now)
    if (refusedRefresh !== undefined) return refusedRefresh
    if (state.stableToken !== undefined) state.tokens.delete(state.stableToken)
  } else {
    const current = currentStableToken(state, now)
    if (current !== undefined) return current
  }
  const issued = issueNewToken(state, now)
  state.stableToken = issued.access_token
  return { status: 200, body: issued }
}

/** The refusal of an API call's access_token: 41001 missing, 40001 unknown, 42001 expired. */
function checkAccessToken(
  state: TokenState,
  request: SandboxRequest,
  now: number,
): SandboxResponse | undefined {
  const token = request.query.get('access_token')
  if (token === null || token === '')
    return answer(tokenErrcodes.accessTokenMissing, 'access_token missing')
  const expiresAt = state.tokens.get(token)
  if (expiresAt === undefined)
    return answer(
      tokenErrcodes.invalidCredential,
      'invalid credential, access_token is invalid or not latest',
    )
  if (now >= expiresAt) return answer(tokenErrcodes.accessTokenExpired, 'access_token expired')
  return undefined
}

function forgetTokens(state: TokenState): void {
  state.tokens.clear()
  state.classicToken = undefined
  state.stableToken = undefined
}

/**
 * One mini program's token authority, for the WeChat modules of a sandbox to share: a token one
 * of them issued is accepted by the others, as WeChat accepts an app's token on every server API.
 * Each WeChat module makes its own when none is given, so a module served alone still answers
 * both token paths; `createDefaultSandboxModules()` gives one to both WeChat modules.
 *
 * - `GET /cgi-bin/token?grant_type=client_credential&appid&secret` → `{access_token,
 *   expires_in}`; each new one invalidates the previous classic token (40001 for it).
 * - `POST /cgi-bin/stable_token` (JSON `{grant_type, appid, secret, force_refresh}`): in normal
 *   mode the current stable token while more than 300 s remain (`expires_in` = what remains),
 *   else a new one, the old one working until it expires; `force_refresh: true` makes a new one
 *   and invalidates the previous, at most 20 times per Beijing calendar day and 30 s apart, else
 *   errcode 45009. The two kinds are independent of each other.
 * - Token request errors: 40002 grant_type, 41002/40013 appid, 41004/40125 secret; on an API call
 *   41001 (missing), 40001 (unknown, replaced or invalidated), 42001 (expired).
 *
 * Two modules that share one authority share its credentials, its tokens and its invalidation:
 * `control.invalidateTokens('wechat')` invalidates the tokens `wechat-shipping` accepts too.
 *
 * @param options - The token lifetime.
 * @returns A fresh authority, with generated credentials.
 * @example
 * ```ts
 * const tokenAuthority = createWechatTokenAuthority()
 * const sandbox = await startSandbox({
 *   modules: [
 *     createWechatSandboxModule({ tokenAuthority }),
 *     createWechatShippingSandboxModule({ tokenAuthority }),
 *   ],
 * })
 * sandbox.credentials.wechat.appId === sandbox.credentials['wechat-shipping'].appId // true
 * await sandbox.close()
 * ```
 */
export function createWechatTokenAuthority(
  options: WechatTokenAuthorityOptions = {},
): WechatTokenAuthority {
  const state: TokenState = {
    credentials: {
      appId: `wx${randomBytes(8).toString('hex')}`,
      appSecret: randomBytes(16).toString('hex'),
    },
    lifetime: options.tokenLifetimeSeconds ?? 7200,
    tokens: new Map(),
    classicToken: undefined,
    stableToken: undefined,
    forceRefreshes: undefined,
  }
  return {
    credentials: state.credentials,
    routes: [
      {
        method: 'GET',
        path: '/cgi-bin/token',
        kind: 'token',
        handle: (request, context) => issueClassicToken(state, request, context),
      },
      {
        method: 'POST',
        path: '/cgi-bin/stable_token',
        kind: 'token',
        handle: (request, context) => issueStableToken(state, request, context),
      },
    ],
    checkAccessToken: (request, now) => checkAccessToken(state, request, now),
    invalidateTokens: () => forgetTokens(state),
    reset() {
      forgetTokens(state)
      state.forceRefreshes = undefined
    },
  }
}

/**
 * The authority a WeChat module uses: the one given, or its own with the given lifetime.
 *
 * @throws `TypeError` when both are given: the lifetime is the shared authority's to set.
 * @internal
 */
export function resolveWechatTokenAuthority(options: {
  readonly tokenAuthority?: WechatTokenAuthority
  readonly tokenLifetimeSeconds?: number
}): WechatTokenAuthority {
  if (options.tokenAuthority === undefined)
    return createWechatTokenAuthority(
      options.tokenLifetimeSeconds === undefined
        ? {}
        : { tokenLifetimeSeconds: options.tokenLifetimeSeconds },
    )
  if (options.tokenLifetimeSeconds !== undefined)
    throw new TypeError(
      '[sandbox] give tokenLifetimeSeconds to createWechatTokenAuthority, not to a module that is given its tokenAuthority',
    )
  return options.tokenAuthority
}
