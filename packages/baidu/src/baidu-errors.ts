import {
  type FailureConcerns,
  type IncomingResponse,
  isRetryableHttpStatus,
  type ResponseClassification,
} from '@ordersync/core'

/**
 * One row of Baidu's code table.
 *
 * @example
 * ```ts
 * const row: BaiduErrorCode = baiduGatewayErrorCodes[110]
 * ```
 */
export interface BaiduErrorCode {
  readonly meaning: string
  /** `retryable`, `token_invalid` (expire, refresh, replay once) or `failure`. */
  readonly outcome: 'retryable' | 'token_invalid' | 'failure'
  /**
   * What a failure is about: `order` (this order only), `credentials` (a secret a refresh cannot
   * fix) or `configuration` (the app, its permissions, the calling IP: every further call fails
   * the same way, so core stops sending to Baidu for the rest of the run).
   */
  readonly concerns: FailureConcerns
  readonly whatToDo: string
}

/**
 * The gateway's `error_code`s (`{error_code, error_msg}`), from Baidu's OpenAPI common return codes
 * ("API通用返回码" of the Baidu developer wiki, mirrored at https://www.csdndocs.com/article/7511448).
 * Baidu's order-center pages publish no codes of their own; a code not listed here is a definite
 * failure the client cannot place (`concerns: 'unknown'`), reported with Baidu's `error_msg`: the
 * same one ending the first few sends of a run in a row stops it (core's `sameFailureLimit`).
 *
 * @example
 * ```ts
 * baiduGatewayErrorCodes[111]?.outcome // 'token_invalid'
 * ```
 */
export const baiduGatewayErrorCodes: Readonly<Record<number, BaiduErrorCode>> = {
  1: {
    meaning: 'Unknown error (未知错误)',
    outcome: 'retryable',
    concerns: 'order',
    whatToDo: 'nothing: retried; if it persists, ask Baidu support with the request time',
  },
  2: {
    meaning: 'Service temporarily unavailable (服务暂不可用)',
    outcome: 'retryable',
    concerns: 'order',
    whatToDo: 'nothing: retried with backoff',
  },
  3: {
    meaning: 'Unsupported openapi method (未知的方法)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check baseURL and that the order-center capability is enabled for this mini program',
  },
  4: {
    meaning: 'Open api request limit reached (接口调用次数已达到设定的上限)',
    outcome: 'retryable',
    concerns: 'order',
    whatToDo: 'lower the concurrency of syncOrders, or ask Baidu to raise the limit',
  },
  5: {
    meaning: 'Unauthorized client IP address (请求来自未经授权的IP地址)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: "add this server's IP address to the mini program's IP allow list",
  },
  6: {
    meaning: 'No permission to access user data (无权限访问该用户数据)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check that the mini program has the order-center permission',
  },
  7: {
    meaning: 'No permission to access data for this referer (来自该refer的请求无访问权限)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'call from the server, not from a page',
  },
  100: {
    meaning: 'Invalid parameter (请求参数无效)',
    outcome: 'failure',
    concerns: 'order',
    whatToDo: 'check the query parameters (open_id or swan_id, scene_id, scene_type) and the body',
  },
  101: {
    meaning: 'Invalid API key (api key无效)',
    outcome: 'failure',
    concerns: 'configuration',
    whatToDo: 'check appKey: it must be the App Key of this mini program',
  },
  104: {
    meaning: 'Incorrect signature (无效签名)',
    outcome: 'failure',
    concerns: 'credentials',
    whatToDo: 'check appSecret',
  },
  110: {
    meaning: 'Access token invalid or no longer valid',
    outcome: 'token_invalid',
    concerns: 'credentials',
    whatToDo: 'nothing: the client fetches a new token and replays once',
  },
  111: {
    meaning: 'Access token expired',
    outcome: 'token_invalid',
    concerns: 'credentials',
    whatToDo: 'nothing: the client fetches a new token and replays once',
  },
}

const errnoHint =
  'Baidu publishes no errno list for the order center: check the request against the document and the settings (appKey, paymentAppKey); add this code to retryableErrnos if it is temporary, or to orderErrnos if it is about the order alone'

/**
 * Reads an order-center answer in the order Baidu's own SDK does (baidu/smartapp-openapi-go,
 * `addOrderInfo.go`): HTTP 408, 429 and 5xx are temporary; a gateway `error_code` other than 0 is
 * read from {@link baiduGatewayErrorCodes}; then a business `errno` other than 0 is a definite
 * failure carrying `msg`. Baidu publishes no errno list for the order center, so an errno is
 * temporary only when `retryableErrnos` names it, about the order only when `orderErrnos` names
 * it, and otherwise a failure the client cannot place (`concerns: 'unknown'`): a wrong
 * `paymentAppKey`, answered with the same errno on every call, then stops the run after a few
 * sends (core's `sameFailureLimit`) instead of costing one request per order. A 2xx answer in
 * neither envelope could not be read (`unreadable`): Baidu may have stored the order. An answer
 * with `errno` 0 is a success of the call; each order's `data[].rows_affected` is read afterwards
 * (a `"0"` there fails that order alone).
 *
 * @param response - The HTTP response.
 * @param retryableErrnos - Business codes to treat as temporary.
 * @param orderErrnos - Business codes about the order alone (a failure that never stops the run).
 * @returns The classification.
 * @example
 * ```ts
 * classifyBaiduResponse({ status: 200, headers: new Headers(), text: '', json: { error_code: 111, error_msg: 'Access token expired' } }, [])
 * // { outcome: 'token_invalid', code: 111, message: 'Access token expired…', concerns: 'credentials' }
 * ```
 */
export function classifyBaiduResponse(
  response: IncomingResponse,
  retryableErrnos: readonly number[],
  orderErrnos: readonly number[] = [],
): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = isObject(response.json) ? response.json : undefined
  const errorCode = typeof body?.error_code === 'number' ? body.error_code : undefined
  if (errorCode !== undefined && errorCode !== 0) return gatewayFailure(errorCode, body?.error_msg)
  const errno = typeof body?.errno === 'number' ? body.errno : undefined
  const twoHundred = response.status >= 200 && response.status < 300
  if (errno === undefined) {
    return {
      outcome: 'failure',
      message: `HTTP ${response.status} without a Baidu envelope ({errno, msg, data} or {error_code, error_msg})`,
      // A 2xx in neither of Baidu's shapes (返回值参数说明; the gateway's, in its Go SDK's
      // base.go) cannot be read: Baidu processed the request, and may hold the order.
      ...(twoHundred ? { unreadable: true } : {}),
    }
  }
  if (errno === 0 && twoHundred) return { outcome: 'success' }
  const msg = typeof body?.msg === 'string' && body.msg !== '' ? body.msg : 'no msg'
  const message = `${msg} — ${errnoHint}`
  if (retryableErrnos.includes(errno)) return { outcome: 'retryable', code: errno, message }
  return {
    outcome: 'failure',
    code: errno,
    message,
    concerns: orderErrnos.includes(errno) ? 'order' : 'unknown',
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A gateway `error_code` other than 0, by {@link baiduGatewayErrorCodes}. */
function gatewayFailure(errorCode: number, errorMsg: unknown): ResponseClassification {
  const known = baiduGatewayErrorCodes[errorCode]
  const errorMessage = typeof errorMsg === 'string' && errorMsg !== '' ? errorMsg : undefined
  const message = `${errorMessage ?? known?.meaning ?? 'no error_msg'} — ${known?.whatToDo ?? 'a gateway code ordersync does not know: check the request and the app settings'}`
  return {
    outcome: known?.outcome ?? 'failure',
    code: errorCode,
    message,
    concerns: known?.concerns ?? 'unknown',
  }
}

/**
 * Reads the token endpoint's answer (`/oauth/2.0/token`): `{access_token, expires_in, …}` on
 * success, `{error, error_description}` on failure (an unknown client or a wrong secret).
 *
 * @param response - The HTTP response of the token endpoint.
 * @returns The classification.
 * @example
 * ```ts
 * classifyBaiduTokenResponse({ status: 401, headers: new Headers(), text: '', json: { error: 'invalid_client' } }).outcome // 'failure'
 * ```
 */
export function classifyBaiduTokenResponse(response: IncomingResponse): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = response.json as Record<string, unknown> | undefined
  if (typeof body?.access_token === 'string' && response.status < 300) return { outcome: 'success' }
  const error = typeof body?.error === 'string' ? body.error : undefined
  const description =
    typeof body?.error_description === 'string' ? `: ${body.error_description}` : ''
  if (error !== undefined) {
    return {
      outcome: 'failure',
      code: error,
      message: `token request refused (${error}${description}) — check that appKey and appSecret are the App Key and App Secret of the same mini program`,
      concerns: error === 'invalid_client' ? 'credentials' : 'configuration',
    }
  }
  return classifyBaiduResponse(response, [])
}
