import {
  type FailureConcerns,
  type IncomingResponse,
  isRetryableHttpStatus,
  type ResponseClassification,
} from '@ordersync/core'

/**
 * The result codes of the Mini Program OpenAPIs in V2 ("Error codes", https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/error_codes;
 * order/sync has no codes of its own), with what ordersync does and what you should do, and what each is about: `order` for a
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
 * Reads an Alipay+ answer by `result.resultStatus` (the `result` object of every
 * Mini Program OpenAPI response): S and A (accepted, in some
 * wallets' documents) on HTTP 2xx are success (a result on any other status is not); U is unknown and retried; F is a failure — retried only for
 * REQUEST_TRAFFIC_EXCEED_LIMIT — and keeps its resultCode and resultMessage. HTTP 408, 429 and 5xx
 * without a result are retried too.
 *
 * What the client cannot place is `concerns: 'unknown'` (a code outside
 * {@link alipayPlusResultCodes}, an answer without an Alipay+ result), so that `syncOrders` stops
 * a run whose every send fails that same way (a wrong `pathPrefix` answering 404, a wrong
 * `baseURL` answering a web page). A 2xx that carries no readable result is `unreadable`: the
 * wallet processed the request and may hold the order.
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
  const result = readResult(response.json)
  if (result.status === 'S' || result.status === 'A') return classifySuccessResult(response, result)
  if (result.status === 'U' || result.status === 'F') return classifyFailureResult(result)
  if (isRetryableHttpStatus(response.status))
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  const what =
    result.status === undefined
      ? 'without an Alipay+ result'
      : 'with a resultStatus that is none of S, A, U or F'
  // No code of Alipay+'s: the status alone, which syncOrders counts as a failure it cannot place.
  if (!isSuccessStatus(response.status))
    return { outcome: 'failure', message: `HTTP ${response.status} ${what}`, concerns: 'unknown' }
  return {
    outcome: 'failure',
    message: `HTTP ${response.status} ${what}: the answer cannot be read, and the wallet may have stored the order`,
    concerns: 'unknown',
    unreadable: true,
  }
}

function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300
}

/** The `result` of an answer, each field kept only when it is a string. */
interface ReadResult {
  readonly status: string | undefined
  readonly code: string | undefined
  readonly message: string | undefined
}

function readResult(json: unknown): ReadResult {
  const result = (
    json as
      | { result?: { resultStatus?: unknown; resultCode?: unknown; resultMessage?: unknown } }
      | undefined
  )?.result
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  return {
    status: text(result?.resultStatus),
    code: text(result?.resultCode),
    message: text(result?.resultMessage),
  }
}

/** S or A: a success on HTTP 2xx only — on any other status the status says the call failed. */
function classifySuccessResult(
  response: IncomingResponse,
  result: ReadResult,
): ResponseClassification {
  if (isSuccessStatus(response.status)) return { outcome: 'success' }
  const details = {
    ...(result.code === undefined ? {} : { code: result.code }),
    message: `HTTP ${response.status} with resultStatus ${result.status}: a success needs HTTP 2xx`,
  }
  return isRetryableHttpStatus(response.status)
    ? { outcome: 'retryable', ...details }
    : { outcome: 'failure', ...details, concerns: 'unknown' }
}

/** U (unknown: retried) or F (failed: retried only for the traffic limit), by the code table. */
function classifyFailureResult(result: ReadResult): ResponseClassification {
  const { code } = result
  const known =
    code === undefined || !Object.hasOwn(alipayPlusResultCodes, code)
      ? undefined
      : alipayPlusResultCodes[code]
  const message = `${result.message ?? 'no resultMessage'}${known === undefined ? '' : ` — ${known.whatToDo}`}`
  const details = { ...(code === undefined ? {} : { code }), message }
  if (result.status === 'U' || code === 'REQUEST_TRAFFIC_EXCEED_LIMIT')
    return { outcome: 'retryable', ...details }
  // A code outside the table (wallets have their own) may be about the order or a setting.
  if (known === undefined) return { outcome: 'failure', ...details, concerns: 'unknown' }
  return {
    outcome: 'failure',
    ...details,
    ...(known.concerns === 'order' ? {} : { concerns: known.concerns }),
  }
}
