import {
  type IncomingResponse,
  isRetryableHttpStatus,
  type ResponseClassification,
} from '@ordersync/core'

/**
 * What ordersync does with each HTTP status from Wixtar. Wixtar publishes no error envelope, error
 * codes or rate limits for the upload, so the status is all there is to go on: success is any 2xx,
 * and an error keeps its status and a redacted excerpt of the body.
 *
 * - `retryable` — tried again with backoff (the upload is an upsert by `order_id`);
 * - `tokenInvalid` — the Bearer token was refused: that token is expired, a new one fetched and the
 *   call replayed once;
 * - `concerns` — whether the failure is about the order (the rest of the run goes on) or about the
 *   credentials or configuration (nothing else can succeed either). A status not listed here is
 *   one the client cannot place (`concerns: 'unknown'`): `syncOrders` stops the run once it has
 *   answered `sameFailureLimit` (3) sends in a row before any success.
 *
 * @example
 * ```ts
 * wixtarHttpStatuses[401]?.tokenInvalid // true
 * ```
 */
export const wixtarHttpStatuses: Readonly<
  Record<
    number,
    {
      readonly meaning: string
      readonly retryable: boolean
      readonly tokenInvalid: boolean
      readonly concerns: 'order' | 'credentials' | 'configuration'
      readonly whatToDo: string
    }
  >
> = {
  400: {
    meaning: 'the upload was refused as malformed',
    retryable: false,
    tokenInvalid: false,
    concerns: 'order',
    whatToDo: "read the excerpt of Wixtar's answer and fix the order it names",
  },
  401: {
    meaning: 'the Bearer token was refused',
    retryable: false,
    tokenInvalid: true,
    concerns: 'credentials',
    whatToDo:
      'nothing the first time (a new token is fetched and the call replayed); if it is refused again, check that clientId and clientSecret belong to the tenant of baseURL and tokenURL',
  },
  403: {
    meaning: 'the client may not upload orders',
    retryable: false,
    tokenInvalid: false,
    concerns: 'configuration',
    whatToDo: 'ask Wixtar to grant the client the Data Center scope for this tenant',
  },
  404: {
    meaning: 'no such endpoint',
    retryable: false,
    tokenInvalid: false,
    concerns: 'configuration',
    whatToDo: "check baseURL: it is the tenant's API host, without /v1/data_center/order/upload",
  },
  408: {
    meaning: 'request timeout',
    retryable: true,
    tokenInvalid: false,
    concerns: 'order',
    whatToDo: 'nothing: retried',
  },
  429: {
    meaning: 'too many requests',
    retryable: true,
    tokenInvalid: false,
    concerns: 'order',
    whatToDo: 'nothing: retried, honouring Retry-After; lower the concurrency if it persists',
  },
}

const excerptLength = 300

/**
 * Reads a Wixtar answer by its HTTP status (see {@link wixtarHttpStatuses}): 2xx is success —
 * unless its body cannot be read, being JSON cut short or malformed, or a page (HTML), not an
 * answer of the API: then Wixtar may have stored the orders (`unreadable`) — 401
 * a refused token, 408, 429 and 5xx temporary, anything else a definite failure whose message
 * carries the status and the beginning of the body (the transport redacts it), concerning what
 * the table says, or `unknown` for a status it does not list.
 *
 * @param response - The HTTP response.
 * @returns The classification.
 * @example
 * ```ts
 * classifyWixtarResponse({ status: 200, headers: new Headers(), text: '', json: undefined }) // { outcome: 'success' }
 * ```
 */
export function classifyWixtarResponse(response: IncomingResponse): ResponseClassification {
  const { status } = response
  if (status >= 200 && status < 300) {
    if (!isUnreadable(response)) return { outcome: 'success' }
    return {
      outcome: 'failure',
      message: `HTTP ${status} with ${excerptOf(response.text)} — the answer cannot be read (JSON cut short or malformed, or a page that is not the API's), so Wixtar may have stored the orders: uploading them again is safe (an upsert by order_id)`,
      unreadable: true,
    }
  }
  const known = wixtarHttpStatuses[status]
  const meaning = known === undefined ? '' : ` (${known.meaning})`
  const message = `HTTP ${status}${meaning} with ${excerptOf(response.text)} — ${known?.whatToDo ?? whatToDoUnlisted(status)}`
  if (status === 401) return { outcome: 'token_invalid', message }
  if (isRetryableHttpStatus(status)) return { outcome: 'retryable', message }
  return { outcome: 'failure', message, concerns: known?.concerns ?? 'unknown' }
}

/**
 * Whether a 2xx body cannot be read: Wixtar documents no answer, so an empty body, any JSON and
 * plain text are taken as given, but JSON that does not parse (a body cut short) and a page
 * (`<html>…`, from a proxy or gateway) are no answer of the API's.
 */
function isUnreadable(response: IncomingResponse): boolean {
  if (response.json !== undefined) return false
  const first = response.text.trimStart().charAt(0)
  return first === '{' || first === '[' || first === '<'
}

/** The beginning of an answer's body, for the message; the transport redacts it. */
function excerptOf(text: string): string {
  const body = text.trim()
  if (body === '') return 'an empty body'
  const more = body.length > excerptLength ? '…' : ''
  return `a body beginning ${JSON.stringify(body.slice(0, excerptLength))}${more}`
}

/** What to do about a status {@link wixtarHttpStatuses} does not list. */
function whatToDoUnlisted(status: number): string {
  return status >= 500
    ? 'retried; if it persists, Wixtar is down'
    : "Wixtar's error format is not published: read the excerpt, and fix the order or the settings it names"
}

/**
 * Reads an answer of the token endpoint ("Auth Login"): HTTP 200 is a token; 408, 429 and 5xx are
 * temporary; anything else means the credentials or the token URL are wrong, and no retry helps.
 *
 * @param response - The HTTP response of `POST <tokenURL>`.
 * @returns The classification.
 * @example
 * ```ts
 * classifyWixtarTokenResponse({ status: 401, headers: new Headers(), text: '', json: undefined }).outcome // 'failure'
 * ```
 */
export function classifyWixtarTokenResponse(response: IncomingResponse): ResponseClassification {
  const { status } = response
  if (status === 200) return { outcome: 'success' }
  if (isRetryableHttpStatus(status)) {
    return { outcome: 'retryable', message: `token endpoint: HTTP ${status}` }
  }
  return {
    outcome: 'failure',
    concerns: status === 404 ? 'configuration' : 'credentials',
    message:
      status === 404
        ? 'token endpoint: HTTP 404 — check tokenURL: the full URL of the token endpoint of your tenant, such as https://login.example.com.tw/oauth/v1/token'
        : `token endpoint: HTTP ${status} — the client credentials were refused: check clientId and clientSecret, and that tokenURL is your tenant's`,
  }
}
