import type { IncomingResponse, ResponseClassification } from '@ordersync/core'

/**
 * The result codes of the Mini Program OpenAPIs in V2 ("Error codes", https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/error_codes;
 * order/sync has no codes of its own), with what ordersync does and what you should do.
 *
 * @example
 * ```ts
 * alipayPlusResultCodes.REQUEST_TRAFFIC_EXCEED_LIMIT?.retryable // true
 * ```
 */
export const alipayPlusResultCodes: Readonly<
  Record<string, { readonly retryable: boolean; readonly whatToDo: string }>
> = {
  PROCESS_FAIL: {
    retryable: false,
    whatToDo: 'a general business failure: do not retry; contact Alipay+ support with the request',
  },
  PARAM_ILLEGAL: {
    retryable: false,
    whatToDo:
      'a header or body field is illegal: read resultMessage and fix the order or the settings',
  },
  INVALID_API: {
    retryable: false,
    whatToDo:
      'the API is invalid or not active for this client: check the path prefix and the API access of the mini program',
  },
  ACCESS_DENIED: {
    retryable: false,
    whatToDo: 'access denied: read resultMessage; check clientId, the key pair and keyVersion',
  },
  REQUEST_TRAFFIC_EXCEED_LIMIT: {
    retryable: true,
    whatToDo: 'the traffic limit was exceeded: retried with backoff; lower the concurrency',
  },
  UNKNOWN_EXCEPTION: {
    retryable: true,
    whatToDo: 'an unknown error (status U): retried ("recall the API")',
  },
}

/**
 * Reads an Alipay+ answer by `result.resultStatus` (the `result` object of every
 * Mini Program OpenAPI response): S and A (accepted, in some
 * wallets' documents) are success; U is unknown and retried; F is a failure — retried only for
 * REQUEST_TRAFFIC_EXCEED_LIMIT — and keeps its resultCode and resultMessage. HTTP 408, 429 and 5xx
 * without a result are retried too.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * classifyAlipayPlusResponse({ status: 200, headers: new Headers(), text: '', json: { result: { resultStatus: 'U', resultCode: 'UNKNOWN_EXCEPTION' } } })
 * // { outcome: 'retryable', code: 'UNKNOWN_EXCEPTION', message: … }
 * ```
 */
export function classifyAlipayPlusResponse(response: IncomingResponse): ResponseClassification {
  const result = (
    response.json as
      | { result?: { resultStatus?: unknown; resultCode?: unknown; resultMessage?: unknown } }
      | undefined
  )?.result
  const status = typeof result?.resultStatus === 'string' ? result.resultStatus : undefined
  const code = typeof result?.resultCode === 'string' ? result.resultCode : undefined
  const resultMessage = typeof result?.resultMessage === 'string' ? result.resultMessage : undefined
  if (status === undefined) {
    if (response.status === 408 || response.status === 429 || response.status >= 500)
      return { outcome: 'retryable', message: `HTTP ${response.status}` }
    return { outcome: 'failure', message: `HTTP ${response.status} without an Alipay+ result` }
  }
  if (status === 'S' || status === 'A') return { outcome: 'success' }
  const known = code === undefined ? undefined : alipayPlusResultCodes[code]
  const message = `${resultMessage ?? 'no resultMessage'}${known === undefined ? '' : ` — ${known.whatToDo}`}`
  const details = { ...(code === undefined ? {} : { code }), message }
  if (status === 'U' || code === 'REQUEST_TRAFFIC_EXCEED_LIMIT')
    return { outcome: 'retryable', ...details }
  return { outcome: 'failure', ...details }
}
