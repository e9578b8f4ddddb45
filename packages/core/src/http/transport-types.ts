import type * as t from 'io-ts'
import type { ApiCallAttempt, FailureConcerns } from '../errors/api-call-error.ts'
import type { OrderSyncError } from '../errors/order-sync-error.ts'
import type { PersonalDataKeys, Redactor } from '../ground/redact.ts'
import type { TokenManager } from '../tokens/token-manager.ts'
import type { RetryOptions, RetryPolicy } from './retry-policy.ts'

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
      /**
       * The answer could not be read or verified — a 2xx whose body is truncated or malformed, an
       * envelope that does not decode, a signature that does not verify: the platform may have
       * processed the request, so the call's delivery is `uncertain`, never `rejected`. The
       * transport assumes it for a `failure` with HTTP 2xx whose body is not JSON.
       */
      readonly unreadable?: boolean
      /**
       * For a `retryable` answer that says how long to wait without a `Retry-After` header (a
       * quota code inside an HTTP 200): the wait in milliseconds. A `Retry-After` header wins.
       */
      readonly retryAfterMs?: number
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

/**
 * How a token-based platform puts its access token on a request.
 *
 * @example
 * ```ts
 * const tokens: TransportTokenAuth = {
 *   manager,
 *   apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
 * }
 * ```
 */
export interface TransportTokenAuth {
  /** The manager that gives out tokens. */
  readonly manager: TokenManager
  /** Puts the token on the request: a query parameter (`access_token`) or a header (`Authorization`). */
  readonly apply: (request: OutgoingRequest, token: string) => OutgoingRequest
}

/**
 * Options of {@link createTransport}.
 *
 * @example
 * ```ts
 * const options: TransportOptions = {
 *   platform: 'example',
 *   baseURL: 'https://api.example.com',
 *   classify: (response) => (response.status < 300 ? { outcome: 'success' } : { outcome: 'failure' }),
 * }
 * ```
 */
export interface TransportOptions {
  /** The platform id, for errors and hooks. */
  readonly platform: string
  /** The platform's base URL, `http(s)://host[/prefix]`; endpoint paths are appended to it. */
  readonly baseURL: string
  /**
   * The `fetch` to use: the seam for tests and middleware. Each attempt calls it as
   * `fetch(url, init)`: the URL a string, `init` with the method, the headers (a plain object),
   * the body (a string, the exact bytes signed) and the signal that aborts the attempt.
   *
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch
  /** Retry settings; see {@link RetryOptions}. */
  readonly retry?: RetryOptions
  /** Observers of every attempt, redacted. */
  readonly hooks?: TransportHooks
  /** Secret values to redact wherever they appear (app secrets, private keys). */
  readonly secrets?: readonly string[]
  /**
   * The platform's wire keys that hold a buyer's or receiver's name, address or email. Their
   * values in a request body are redacted wherever they come back (an answer that echoes the
   * request), and under those keys in every body hooks and errors see, as phone numbers are
   * (every value under a phone key is, always).
   */
  readonly personalData?: PersonalDataKeys
  /**
   * Whether names, addresses and emails are redacted from hooks, errors and results. Turn it off
   * only to debug locally with test data: secrets, tokens, signatures and phone numbers are
   * redacted whatever it says.
   *
   * @default true
   */
  readonly redactPersonalData?: boolean
  /** For token-based platforms: the token manager and how to apply a token. */
  readonly tokens?: TransportTokenAuth
  /** For signing platforms: signs each attempt afresh (signatures carry a time and a nonce). */
  readonly sign?: (request: OutgoingRequest) => OutgoingRequest | Promise<OutgoingRequest>
  /** Reads a response: success, retryable, token-invalid or failure. */
  readonly classify: (response: IncomingResponse) => ResponseClassification
  /**
   * Who is calling, as `ordersync/<package>/<version>` (`ordersync/youshu/0.3.0`): sent as the
   * `User-Agent` of every request, after the one a call sets itself. A value with a line break is
   * refused when the transport is created.
   *
   * @example
   * ```ts
   * // Every request then says `User-Agent: ordersync/youshu/0.3.0`.
   * const youshuTransport = createTransport({ ...options, userAgent: 'ordersync/youshu/0.3.0' })
   * ```
   */
  readonly userAgent?: string
  /** @internal The source of jitter. */
  readonly random?: () => number
  /** @internal The clock. */
  readonly now?: () => number
}

/**
 * One call through the transport.
 *
 * @example
 * ```ts
 * const call: TransportCall<unknown> = { endpoint: '/shop/order/add', body: JSON.stringify(payload), decode: t.unknown }
 * ```
 */
export interface TransportCall<T> {
  /** The endpoint path, e.g. `/shop/order/add`. */
  readonly endpoint: string
  /**
   * The HTTP method.
   *
   * @default 'POST'
   */
  readonly method?: 'GET' | 'POST'
  /** Query parameters. */
  readonly query?: Readonly<Record<string, string>>
  /** Headers. */
  readonly headers?: Readonly<Record<string, string>>
  /** The body, already serialised. */
  readonly body?: string
  /** The io-ts decoder of a successful response body. */
  readonly decode: t.Decoder<unknown, T>
  /** A classifier for this endpoint, instead of the transport's. */
  readonly classify?: (response: IncomingResponse) => ResponseClassification
  /**
   * Whether to apply the token or the signature (the token endpoint itself says `false`).
   *
   * @default true
   */
  readonly authenticate?: boolean
  /** Aborts the call, including a retry that is waiting. */
  readonly signal?: AbortSignal
  /**
   * Personal values this call carries (the buyer's and the receiver's phone numbers, plain or
   * hashed, in every form the payload holds them): redacted wherever they appear in what hooks,
   * errors and results see, including inside JSON strings and in other phone formats.
   */
  readonly sensitive?: readonly string[]
  /**
   * Whether the call carries the order being synced. A call made before it (a data-source lookup,
   * a status read) says `false`: whatever happens to it, its failure means the order was not sent.
   *
   * @default true
   */
  readonly carriesOrder?: boolean
}

/**
 * What a successful call returns.
 *
 * @example
 * ```ts
 * const { data, attempts } = await transport.send({ endpoint: '/orders', body: '{}', decode: t.unknown })
 * attempts.length // 1 when the first attempt succeeded
 * ```
 */
export interface TransportResult<T> {
  /** The decoded body. */
  readonly data: T
  /** The HTTP status. */
  readonly status: number
  /** Every attempt, the successful one last. */
  readonly attempts: readonly ApiCallAttempt[]
  /** The raw response of the successful attempt: for checks on the exact bytes (a response signature). */
  readonly response: IncomingResponse
}

/**
 * Sends calls to one platform with retries, token handling, signing and redacted hooks.
 *
 * @example
 * ```ts
 * const transport: Transport = createTransport(options)
 * await transport.send({ endpoint: '/orders', body: '{}', decode: t.unknown })
 * ```
 */
export interface Transport {
  /** The platform id. */
  readonly platform: string
  /** The resolved retry policy. */
  readonly retry: RetryPolicy
  /** The redactor that hooks, logs and errors go through. */
  readonly redactor: Redactor
  /** Sends one call. */
  send<T>(call: TransportCall<T>): Promise<TransportResult<T>>
}
