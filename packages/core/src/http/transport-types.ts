import type { FailureConcerns } from '../errors/api-call-error.ts'
import type { OrderSyncError } from '../errors/order-sync-error.ts'

/**
 * A request as the transport builds it for one attempt, before it goes on the wire.
 *
 * @example
 * ```ts
 * const withToken = (request: OutgoingRequest, token: string): OutgoingRequest => ({
 *   ...request,
 *   query: { ...request.query, access_token: token },
 * })
 * ```
 */
export interface OutgoingRequest {
  /** `POST` for every sync endpoint; `GET` where a platform documents it. */
  readonly method: 'GET' | 'POST'
  /** The endpoint path, appended to the client's `baseURL` (which may carry a path prefix). */
  readonly path: string
  /** Query parameters, in order. */
  readonly query: Readonly<Record<string, string>>
  /** Headers. */
  readonly headers: Readonly<Record<string, string>>
  /** The body, serialised once: the bytes signed are the bytes sent. */
  readonly body?: string
}

/**
 * What came back from one attempt, for a platform's classifier.
 *
 * @example
 * ```ts
 * const classify = (response: IncomingResponse): ResponseClassification =>
 *   (response.json as { errcode?: number }).errcode === 0 ? { outcome: 'success' } : { outcome: 'failure' }
 * ```
 */
export interface IncomingResponse {
  /** The HTTP status. */
  readonly status: number
  /** The response headers. */
  readonly headers: Headers
  /** The raw body text. */
  readonly text: string
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown
}

/**
 * What a response means, as a platform reads it:
 * - `success` — done;
 * - `retryable` — a temporary failure (a 5xx, WeChat errcode -1, Alipay+ status U): try again;
 * - `token_invalid` — the access token was rejected (WeChat 40001/42001, Baidu 110/111, HTTP 401):
 *   expire exactly that token, fetch a new one and replay once;
 * - `failure` — a definite error (a validation error, an unknown order): do not retry.
 *
 * @example
 * ```ts
 * const busy: ResponseClassification = { outcome: 'retryable', code: -1, message: 'system busy' }
 * ```
 */
export type ResponseClassification =
  | { readonly outcome: 'success' }
  | {
      readonly outcome: 'retryable' | 'token_invalid' | 'failure'
      /** The platform's code. */
      readonly code?: string | number
      /** The platform's message, or what happened. */
      readonly message?: string
      /** The platform's request or trace id. */
      readonly requestId?: string
      /**
       * What a `failure` is about: the order, or the credentials or configuration (which stop
       * the run's sends to this platform). Ignored for `retryable` and `token_invalid`.
       *
       * @default 'order'
       */
      readonly concerns?: FailureConcerns
    }

/**
 * The event of an attempt about to be sent. Redacted.
 *
 * @example
 * ```ts
 * createTransport({ ...options, hooks: { onRequest: (event: RequestEvent) => console.log(event.method, event.url) } })
 * ```
 */
export interface RequestEvent {
  readonly platform: string
  readonly endpoint: string
  readonly attempt: number
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * The event of a response received. Redacted and truncated.
 *
 * @example
 * ```ts
 * createTransport({ ...options, hooks: { onResponse: (event: ResponseEvent) => metrics.observe(event.durationMs) } })
 * ```
 */
export interface ResponseEvent {
  readonly platform: string
  readonly endpoint: string
  readonly attempt: number
  readonly status: number
  readonly durationMs: number
  readonly outcome: ResponseClassification['outcome']
  readonly body: string
}

/**
 * The event of a retry about to wait.
 *
 * @example
 * ```ts
 * createTransport({ ...options, hooks: { onRetry: (event: RetryEvent) => console.log(`retry in ${event.delayMs} ms: ${event.reason}`) } })
 * ```
 */
export interface RetryEvent {
  readonly platform: string
  readonly endpoint: string
  /** The attempt that failed. */
  readonly attempt: number
  readonly delayMs: number
  readonly reason: string
}

/**
 * The event of a call that failed for good.
 *
 * @example
 * ```ts
 * createTransport({ ...options, hooks: { onError: (event: ErrorEvent) => log.warn(event.endpoint, event.error.message) } })
 * ```
 */
export interface ErrorEvent {
  readonly platform: string
  readonly endpoint: string
  readonly error: OrderSyncError
}

/**
 * Observers of every attempt. They receive redacted copies: no secret, token, signature or phone
 * number. A hook that throws is ignored; it never breaks a call.
 *
 * @example
 * ```ts
 * const hooks: TransportHooks = { onRetry: (event) => console.log(event.reason) }
 * ```
 */
export interface TransportHooks {
  readonly onRequest?: (event: RequestEvent) => void
  readonly onResponse?: (event: ResponseEvent) => void
  readonly onRetry?: (event: RetryEvent) => void
  readonly onError?: (event: ErrorEvent) => void
}
