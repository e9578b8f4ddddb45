import type { FailureConcerns, IncomingResponse, ResponseClassification } from '@ordersync/core'

/**
 * The result codes of the Mini Program OpenAPIs in V2 (PLATFORMS.md §1.8; order/sync has no codes of
 * its own), with what ordersync does and what you should do, and what each is about: `order` for a
 * problem of the order sent (the others are still sent), `configuration` for one no order can get
 * past (the API not active for the client, access denied: a wrong client id, key pair or key
 * version), after which `syncOrders` sends nothing more to Alipay+ in that run.
 *
 * @example
 * ```ts
 * alipayPlusResultCodes.REQUEST_TRAFFIC_EXCEED_LIMIT?.retryable // true
 * ```
 */
export const alipayPlusResultCodes: Readonly<
  Record<
    string,
    { readonly retryable: boolean; readonly concerns: FailureConcerns; readonly whatToDo: string }
  >
> = {
  PROCESS_FAIL: {
    retryable: false,
    concerns: 'order',
    whatToDo: 'a general business failure: do not retry; contact Alipay+ support with the request',
  },
  PARAM_ILLEGAL: {
    retryable: false,
    concerns: 'order',
    whatToDo:
      'a header or body field is illegal: read resultMessage and fix the order or the settings',
  },
  INVALID_API: {
    retryable: false,
    concerns: 'configuration',
    whatToDo:
      'the API is invalid or not active for this client: check the path prefix and the API access of the mini program',
  },
  ACCESS_DENIED: {
    retryable: false,
    concerns: 'configuration',
    whatToDo: 'access denied: read resultMessage; check clientId, the key pair and keyVersion',
  },
  REQUEST_TRAFFIC_EXCEED_LIMIT: {
    retryable: true,
    concerns: 'order',
    whatToDo: 'the traffic limit was exceeded: retried with backoff; lower the concurrency',
  },
  UNKNOWN_EXCEPTION: {
    retryable: true,
    concerns: 'order',
    whatToDo: 'an unknown error (status U): retried ("recall the API")',
  },
}

/**
 * Reads an Alipay+ answer by `result.resultStatus` (PLATFORMS.md §1.7): S and A (accepted, in some
 * wallets' documents) on HTTP 2xx are success (a result on any other status is not); U is unknown and retried; F is a failure — retried only for
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
  const ok = response.status >= 200 && response.status < 300
  if ((status === 'S' || status === 'A') && ok) return { outcome: 'success' }
  if (status === 'S' || status === 'A') {
    // A success result on an error status is no success: the status says the call failed.
    const details = {
      ...(code === undefined ? {} : { code }),
      message: `HTTP ${response.status} with resultStatus ${status}: a success needs HTTP 2xx`,
    }
    return response.status === 408 || response.status === 429 || response.status >= 500
      ? { outcome: 'retryable', ...details }
      : { outcome: 'failure', ...details }
  }
  const known =
    code === undefined || !Object.hasOwn(alipayPlusResultCodes, code)
      ? undefined
      : alipayPlusResultCodes[code]
  const message = `${resultMessage ?? 'no resultMessage'}${known === undefined ? '' : ` — ${known.whatToDo}`}`
  const details = { ...(code === undefined ? {} : { code }), message }
  if (status === 'U' || code === 'REQUEST_TRAFFIC_EXCEED_LIMIT')
    return { outcome: 'retryable', ...details }
  return {
    outcome: 'failure',
    ...details,
    ...(known === undefined || known.concerns === 'order' ? {} : { concerns: known.concerns }),
  }
}
