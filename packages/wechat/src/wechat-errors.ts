import {
  type FailureConcerns,
  type IncomingResponse,
  isRetryableHttpStatus,
  type ResponseClassification,
} from '@ordersync/core'

/**
 * What ordersync knows of one WeChat `errcode`.
 *
 * @example
 * ```ts
 * const entry: WechatErrcode = { meaning: 'system busy', outcome: 'retryable', whatToDo: 'nothing: retried with backoff' }
 * ```
 */
export interface WechatErrcode {
  /** What WeChat means by it. */
  readonly meaning: string
  /** How the transport treats it. */
  readonly outcome: 'retryable' | 'token_invalid' | 'failure'
  /** For a failure: whether it is about the order or the credentials or configuration. */
  readonly concerns?: FailureConcerns
  /** What to do about it. */
  readonly whatToDo: string
}

/**
 * WeChat's global error codes that the order APIs answer (WeChat server API "全局返回码" /
 * Channels "commErrCode" pages), with the class ordersync gives each, and the order family's own
 * 100000 (shop/order/pay on an order not in status 10). A code not listed is a failure ordersync
 * cannot place (`concerns: 'unknown'`), reported with WeChat's errmsg: the order's fault or a wrong
 * setting, which `syncOrders` tells apart by its repetition (`sameFailureLimit`).
 *
 * @example
 * ```ts
 * wechatErrcodes[45009]?.whatToDo // 'not retried: nothing succeeds until the daily quota resets; …'
 * ```
 */
export const wechatErrcodes: Readonly<Record<number, WechatErrcode>> = {
  [-1]: {
    meaning: 'system busy (系统繁忙)',
    outcome: 'retryable',
    whatToDo: 'nothing: retried with backoff within the retry settings',
  },
  40001: {
    meaning: 'access_token invalid or not the latest',
    outcome: 'token_invalid',
    whatToDo:
      'nothing: the token is expired, refreshed and the call replayed once; if it persists, another system is refreshing the same token (use a shared tokenStore or stable_token)',
  },
  40014: {
    meaning: 'invalid access_token',
    outcome: 'token_invalid',
    whatToDo: 'nothing: the token is expired, refreshed and the call replayed once',
  },
  42001: {
    meaning: 'access_token expired',
    outcome: 'token_invalid',
    whatToDo: 'nothing: the token is expired, refreshed and the call replayed once',
  },
  41001: {
    meaning: 'access_token missing',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'check that baseURL points at api.weixin.qq.com (or the sandbox) and not at a proxy that strips the query',
  },
  40013: {
    meaning: 'invalid appid',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check the appId setting: the mini program’s AppID from 开发管理 → 开发设置',
  },
  40125: {
    meaning: 'invalid appsecret',
    outcome: 'failure',
    concerns: 'credentials',
    whatToDo: 'check the appSecret setting (reset it in 开发管理 → 开发设置 if it was changed)',
  },
  40164: {
    meaning: 'the calling IP is not on the IP whitelist',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'add the server’s IP to the mini program’s IP whitelist (开发管理 → 开发设置)',
  },
  40003: {
    meaning: 'invalid openid',
    outcome: 'failure',
    whatToDo: 'check buyer.platformUserId: the openid of the buyer in this mini program',
  },
  40097: {
    meaning: 'invalid request arguments',
    outcome: 'failure',
    whatToDo: 'check the order against the field table of shop/order/add',
  },
  44002: {
    meaning: 'empty POST body',
    outcome: 'failure',
    whatToDo: 'report it: ordersync always sends a body',
  },
  47001: {
    meaning: 'malformed POST data',
    outcome: 'failure',
    whatToDo: 'check the order against the field table of shop/order/add',
  },
  45002: {
    meaning: 'content too large',
    outcome: 'failure',
    whatToDo: 'shorten the order (fewer products, shorter titles)',
  },
  45009: {
    meaning: 'daily API quota reached (reach max api daily quota limit)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'not retried: nothing succeeds until the daily quota resets; wait for the reset, or clear it once with the clear_quota API',
  },
  45011: {
    meaning: 'API minute quota reached',
    outcome: 'retryable',
    whatToDo:
      'nothing: retried after the current minute (within retry.maxRetryAfterMs and retry.maxElapsedMs; raise them to wait longer)',
  },
  48001: {
    meaning: 'API unauthorized: the mini program has not been granted this API',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo:
      'check that the mini program has access to the custom transaction component (自定义交易组件), which WeChat has replaced',
  },
  48004: {
    meaning: 'API forbidden for this mini program',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check the mini program’s status and notices in the WeChat admin console',
  },
  100000: {
    meaning: 'the order is not in the status this call requires (shop/order/pay needs status 10)',
    outcome: 'failure',
    whatToDo:
      're-sync the order: ordersync reads the status first and sends only the steps that are left',
  },
}

/** @internal The errcode and errmsg of a WeChat answer, when it has them. */
export function readWechatEnvelope(response: IncomingResponse): {
  readonly errcode: number | undefined
  readonly errmsg: string | undefined
} {
  const body = response.json as { errcode?: unknown; errmsg?: unknown } | undefined
  return {
    errcode: typeof body?.errcode === 'number' ? body.errcode : undefined,
    errmsg: typeof body?.errmsg === 'string' && body.errmsg !== '' ? body.errmsg : undefined,
  }
}

/**
 * Reads a WeChat API answer: `errcode` 0 is success (WeChat's global return codes: errcode is
 * the success check); HTTP 408, 429 and 5xx and the codes of {@link wechatErrcodes} marked
 * retryable are temporary; 40001, 40014, 42001 reject the token; a code of the table is a definite
 * failure carrying WeChat's code, message and what to do, and a code it does not list one that
 * ordersync cannot place (`concerns: 'unknown'`). A 2xx answer without a numeric errcode — a body
 * that is not JSON or cut short, an envelope that does not decode — is a failure that could not be
 * read (`unreadable`): WeChat may have processed the request, so the call is `uncertain`, never
 * `rejected`.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * classifyWechatResponse({ status: 200, headers: new Headers(), text: '{"errcode":-1}', json: { errcode: -1 } }).outcome // 'retryable'
 * ```
 */
export function classifyWechatResponse(response: IncomingResponse): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const { errcode, errmsg } = readWechatEnvelope(response)
  if (response.status >= 200 && response.status < 300 && errcode === 0) {
    return { outcome: 'success' }
  }
  if (errcode === undefined) {
    const message = `HTTP ${response.status} without a WeChat envelope ({errcode, errmsg})`
    return response.status >= 200 && response.status < 300
      ? { outcome: 'failure', message, unreadable: true }
      : { outcome: 'failure', message }
  }
  const known = wechatErrcodes[errcode]
  const message = `${errmsg ?? known?.meaning ?? 'no errmsg'}${known === undefined ? '' : ` — ${known.whatToDo}`}`
  if (known === undefined)
    return { outcome: 'failure', code: errcode, message, concerns: 'unknown' }
  return {
    outcome: known.outcome,
    code: errcode,
    message,
    ...(known.concerns === undefined ? {} : { concerns: known.concerns }),
  }
}

/**
 * Reads an answer of WeChat's token endpoints (`cgi-bin/stable_token`, `cgi-bin/token`): an
 * `access_token` is success; -1 and 45011 are temporary; everything else is about the
 * credentials or the configuration, since no order is involved — 40001 and 40125 mean a wrong
 * secret here, not a stale token, and 40013 a wrong app id (the credentials too: the endpoint
 * refuses the pair); anything else, such as 41002 (no app id sent), is about the configuration.
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
  const known = errcode === undefined ? undefined : wechatErrcodes[errcode]
  if (known?.outcome === 'retryable') {
    return { outcome: 'retryable', code: errcode as number, message: errmsg ?? known.meaning }
  }
  // The token endpoint refuses the app id (40013) or the secret (40001, 40125): the credentials.
  // A request it cannot read (41002 appid missing, 40002 grant_type) is about the configuration.
  const secret = errcode === 40001 || errcode === 40125
  const concerns: FailureConcerns = secret || errcode === 40013 ? 'credentials' : 'configuration'
  const advice = secret
    ? 'check that appSecret is the current AppSecret of the mini program named by appId'
    : (known?.whatToDo ?? 'check appId and appSecret')
  return {
    outcome: 'failure',
    ...(errcode === undefined ? {} : { code: errcode }),
    message: `the token endpoint refused: ${errmsg ?? known?.meaning ?? `HTTP ${response.status}`} — ${advice}`,
    concerns,
  }
}
