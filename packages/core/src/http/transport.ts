import type { Either } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { KyInstance } from 'ky'
import {
  type ApiCallAttempt,
  type ApiCallDelivery,
  ApiCallError,
} from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { createRedactor, type Redactor } from '../ground/redact.ts'
import { sleepUnlessAborted } from '../ground/wait-unless-aborted.ts'
import type { TokenManager } from '../tokens/token-manager.ts'
import {
  backoffDelay,
  parseRetryAfter,
  type RetryOptions,
  type RetryPolicy,
  resolveRetryPolicy,
} from './retry-policy.ts'
import type {
  IncomingResponse,
  OutgoingRequest,
  ResponseClassification,
  TransportHooks,
} from './transport-types.ts'

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
   * The `fetch` to use: the seam for tests and middleware.
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
  /** For token-based platforms: the token manager and how to apply a token. */
  readonly tokens?: TransportTokenAuth
  /** For signing platforms: signs each attempt afresh (signatures carry a time and a nonce). */
  readonly sign?: (request: OutgoingRequest) => OutgoingRequest | Promise<OutgoingRequest>
  /** Reads a response: success, retryable, token-invalid or failure. */
  readonly classify: (response: IncomingResponse) => ResponseClassification
  /** @internal The source of jitter. */
  readonly random?: () => number
  /** @internal The clock. */
  readonly now?: () => number
  /** @internal How to wait. */
  readonly sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>
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

const maxBodyInErrors = 2048

/**
 * Checks a base URL: absolute, `http:` or `https:`, without query or fragment.
 *
 * @param baseURL - The setting's value.
 * @param platform - The platform, for the error.
 * @param setting - The setting's name.
 * @returns The URL without a trailing slash.
 * @throws {@link InvalidArgumentError} naming the setting, also for a URL with a user name or
 *   password (which it never repeats).
 * @example
 * ```ts
 * checkBaseURL('https://open.example.com/api/open/', 'alipayplus') // 'https://open.example.com/api/open'
 * ```
 */
export function checkBaseURL(baseURL: unknown, platform: string, setting = 'baseURL'): string {
  let url: URL | undefined
  try {
    url = typeof baseURL === 'string' ? new URL(baseURL) : undefined
  } catch {
    url = undefined
  }
  if (url !== undefined && (url.username !== '' || url.password !== '')) {
    // fetch refuses such URLs, with a message that repeats them; and they would show in hooks.
    throw new InvalidArgumentError({
      platform,
      argument: setting,
      reason: `must not carry a user name or password (got ${url.protocol}//[redacted]@${url.host}); a platform's credentials go in the client's credential settings`,
    })
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    throw new InvalidArgumentError({
      platform,
      argument: setting,
      reason: `must be an absolute http(s) URL without query or fragment, such as "https://api.example.com"; got ${typeof baseURL === 'string' ? JSON.stringify(baseURL) : typeof baseURL}`,
    })
  }
  return url.toString().replace(/\/+$/, '')
}

/** A thrown value's message, cut to a readable length and free of phone numbers and digests. */
/**
 * Whether a failure of the token endpoint is a refusal of the credentials: definite, and put down
 * to the credentials by the platform's classifier, or a refusal the classifier did not place (a
 * token request has no order for it to be about). Not a refusal: a configuration failure (a wrong
 * token URL), a temporary one, and a 2xx answer without a platform code that could not be read —
 * an endpoint that answers that way is not the token endpoint (an HTML page at a wrong URL).
 */
function isCredentialsRefusal(error: unknown): error is ApiCallError {
  if (!ApiCallError.isInstance(error) || error.retryable) return false
  if (error.concerns === 'credentials') return true
  return error.concerns === 'order' && !isUnreadableSuccess(error)
}

function isUnreadableSuccess(error: ApiCallError): boolean {
  const status = error.httpStatus
  return status !== undefined && status >= 200 && status < 300 && error.platformCode === undefined
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return genericRedactor.text(text.length > 200 ? `${text.slice(0, 200)}…` : text)
}

const genericRedactor = createRedactor()

/** The message of the innermost cause: fetch's "fetch failed" wraps the socket's own reason. */
function deepestMessage(error: unknown): string {
  let current = error
  for (
    let depth = 0;
    depth < 5 && current instanceof Error && current.cause instanceof Error;
    depth += 1
  ) {
    current = current.cause
  }
  return current instanceof Error ? current.message : String(current)
}

/** The error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, …) of the innermost cause that has one. */
function deepestCode(error: unknown): string | undefined {
  let current = error
  let code: string | undefined
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const own = (current as { code?: unknown }).code
    if (typeof own === 'string') code = own
    current = (current as { cause?: unknown }).cause
  }
  return code
}

// Failures that happen before a connection exists: the request certainly did not reach the
// platform.
const notReachedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Remembers what signing added or changed (a signature header, a signature query parameter) as
 * secrets of this call, with the parts of a structured value (`algorithm=RSA256,signature=…`).
 */
function rememberSignature(
  unsigned: OutgoingRequest,
  signed: OutgoingRequest,
  into: string[],
): void {
  const remember = (value: string): void => {
    into.push(value)
    for (const part of value.split(/[,;&\s]+/)) {
      const item = part.includes('=') ? part.slice(part.indexOf('=') + 1) : part
      if (item.length >= 16) {
        into.push(item)
        try {
          const decoded = decodeURIComponent(item)
          if (decoded !== item) into.push(decoded)
        } catch {
          // Not URL-encoded.
        }
      }
    }
  }
  for (const [key, value] of Object.entries(signed.headers)) {
    if (unsigned.headers[key] !== value && value.length >= 16) remember(value)
  }
  for (const [key, value] of Object.entries(signed.query)) {
    if (unsigned.query[key] !== value && value.length >= 16) remember(value)
  }
  // A signature the signer put in the body (`{"sign": "…"}` or a form field).
  if (signed.body !== undefined && signed.body !== unsigned.body) {
    const before = new Set(stringsIn(unsigned.body ?? ''))
    for (const value of stringsIn(signed.body)) {
      if (!before.has(value) && value.length >= 16) remember(value)
    }
  }
}

/** The string values of a JSON or form body, however deep. */
function stringsIn(body: string): string[] {
  const found: string[] = []
  const walk = (value: unknown, depth: number): void => {
    if (depth > 32) return
    if (typeof value === 'string') found.push(value)
    else if (Array.isArray(value)) for (const item of value) walk(item, depth + 1)
    else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) walk(item, depth + 1)
    }
  }
  try {
    walk(JSON.parse(body), 0)
  } catch {
    for (const [, value] of new URLSearchParams(body)) found.push(value)
  }
  return found
}

function describeDecodeErrors(errors: t.Errors): string {
  const paths = errors.slice(0, 5).map((error) =>
    error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '')
      .join('.'),
  )
  return `unexpected response shape at ${paths.map((path) => path || '(root)').join(', ')}`
}

/**
 * Creates the transport every platform client sends through.
 *
 * - **Retries** POSTs (every sync endpoint is an upsert) on network errors, timeouts, 408, 429 and
 *   5xx, and on what the platform's classifier calls retryable inside an HTTP 200 — with
 *   full-jitter exponential backoff, `Retry-After` honoured, a cap on attempts and on total time.
 * - **Signs** every attempt afresh (`sign`), since signatures carry a time and a nonce.
 * - **Tokens**: on a `token_invalid` answer, expires exactly the token that was used, gets a new
 *   one and replays once; a second rejection is an {@link AuthenticationError}, never a loop.
 * - **Hooks** see every attempt, redacted; errors carry the attempts, the total delay, and a
 *   truncated, redacted body.
 *
 * @param options - The platform, base URL, classifier, auth, retry settings and hooks.
 * @returns The transport.
 * @throws {@link InvalidArgumentError} for a malformed `baseURL` or retry setting.
 * @example
 * ```ts
 * const transport = createTransport({
 *   platform: 'example',
 *   baseURL: 'https://api.example.com',
 *   classify: ({ status }) => (status < 300 ? { outcome: 'success' } : { outcome: 'failure' }),
 * })
 * const { data } = await transport.send({ endpoint: '/orders', body: '{}', decode: t.unknown })
 * ```
 */
export function createTransport(options: TransportOptions): Transport {
  const platform = options.platform
  const baseURL = checkBaseURL(options.baseURL, platform)
  const policy = resolveRetryPolicy(options.retry, platform)
  const redactor = createRedactor(options.secrets)
  const random = options.random ?? Math.random
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? sleepUnlessAborted
  // ky, and the runtime's fetch, are loaded on the first request rather than at import or at
  // client creation: in Node, reading `globalThis.fetch` loads its HTTP stack (about 40 ms), and ky
  // reads it as it loads. A program that imports ordersync and exits early, or a serverless
  // function's cold start, does not pay for them; the first request does, once.
  let client: Promise<KyInstance> | undefined
  const loadClient = (): Promise<KyInstance> => {
    client ??= import('ky').then(({ default: ky }) =>
      ky.create({
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        fetch: (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      }),
    )
    return client
  }

  const emit = <K extends keyof TransportHooks>(
    name: K,
    event: Parameters<NonNullable<TransportHooks[K]>>[0],
  ): void => {
    try {
      ;(options.hooks?.[name] as ((value: typeof event) => void) | undefined)?.(event)
    } catch {
      // A hook must never break a call.
    }
  }

  const fail = (error: OrderSyncError, endpoint: string): never => {
    emit('onError', { platform, endpoint, error })
    throw error
  }

  const toUrl = (request: OutgoingRequest): string => {
    const url = new URL(
      baseURL + (request.path.startsWith('/') ? request.path : `/${request.path}`),
    )
    for (const [key, value] of Object.entries(request.query)) url.searchParams.append(key, value)
    return url.toString()
  }

  async function send<T>(call: TransportCall<T>): Promise<TransportResult<T>> {
    const endpoint = call.endpoint
    const classify = call.classify ?? options.classify
    const authenticate = call.authenticate ?? true
    const attempts: ApiCallAttempt[] = []
    const startedAt = now()
    // Values made for this call (signatures) join the client's known secrets; the order's
    // personal values are redacted in every format. Built only when something reads a redacted
    // form: a hook that is set, or an error being built.
    const callSecrets: string[] = []
    let callRedactor: Redactor | undefined
    const redact = (): Redactor => {
      callRedactor ??= redactor.with(callSecrets, call.sensitive ?? [])
      return callRedactor
    }
    // Each attempt's failure text as it came (a platform message, a socket error may quote a
    // value), redacted only when an error is built or the caller reads the attempts.
    const unsafe: boolean[] = []
    const finalAttempts = (): ApiCallAttempt[] =>
      attempts.map((entry, index) =>
        unsafe[index] === true ? { ...entry, failure: redact().text(entry.failure) } : entry,
      )
    let replayedToken = false
    let attempt = 0
    // Whether some attempt may have reached the platform and been stored, and whether any
    // response arrived at all: together they say what a failure means for the order.
    let mayBeStored = false
    let answered = false
    const deliveryNow = (): ApiCallDelivery =>
      call.carriesOrder === false
        ? 'not_sent'
        : mayBeStored
          ? 'uncertain'
          : answered
            ? 'rejected'
            : 'not_sent'
    const aborted = (reason: unknown, inFlight: boolean): never => {
      if (inFlight) mayBeStored = true
      return fail(
        new ApiCallError({
          platform,
          endpoint,
          reason: 'the call was aborted',
          retryable: true,
          attempts: finalAttempts(),
          delivery: deliveryNow(),
          cause: reason,
        }),
        endpoint,
      )
    }

    for (;;) {
      attempt += 1
      if (call.signal?.aborted) return aborted(call.signal.reason, false)
      let request: OutgoingRequest = {
        method: call.method ?? 'POST',
        path: endpoint,
        query: { ...call.query },
        headers: { ...call.headers },
        ...(call.body === undefined ? {} : { body: call.body }),
      }
      let tokenUsed: string | undefined
      if (authenticate && options.tokens !== undefined) {
        try {
          tokenUsed = await options.tokens.manager.get(call.signal)
        } catch (error) {
          if (call.signal?.aborted) return aborted(call.signal.reason, false)
          // A token endpoint that refuses for good refuses the credentials, never this order: an
          // AuthenticationError, as for a token rejected after its one replay. Only an answer the
          // platform's classifier put down to the configuration (a wrong token URL, a missing
          // app id) stays an ApiCallError that says so.
          if (isCredentialsRefusal(error)) {
            return fail(
              new AuthenticationError({
                platform,
                ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
                reason:
                  error.platformMessage === undefined
                    ? `no access token for ${endpoint}: the token endpoint refused the credentials (${error.httpStatus === undefined ? 'no answer' : `HTTP ${error.httpStatus}`}) — check the app id and secret for this environment`
                    : `no access token for ${endpoint}: ${error.platformMessage}`,
                delivery: deliveryNow(),
                cause: error,
              }),
              endpoint,
            )
          }
          // Any other failure to get a token (its endpoint down, retries exhausted): this call's
          // order went nowhere on this attempt, whatever the token request itself came to.
          if (ApiCallError.isInstance(error)) {
            return fail(
              new ApiCallError({
                platform,
                endpoint: error.endpoint,
                reason: `no access token for ${endpoint}: ${error.platformMessage ?? (error.httpStatus === undefined ? 'no answer' : `HTTP ${error.httpStatus}`)}`,
                retryable: error.retryable,
                attempts: error.attempts,
                delivery: deliveryNow(),
                // A token request carries no order: a definite failure of it that is not a
                // refusal of the credentials is about the configuration.
                concerns:
                  !error.retryable && error.concerns === 'order' ? 'configuration' : error.concerns,
                ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
                ...(error.platformCode === undefined ? {} : { platformCode: error.platformCode }),
                cause: error,
              }),
              endpoint,
            )
          }
          if (OrderSyncError.isInstance(error)) throw error
          // Not a platform's answer at all: the token store failed (its Redis unreachable). The
          // order was not sent on this attempt; calling again later may work.
          return fail(
            new ApiCallError({
              platform,
              endpoint,
              reason: `no access token: the token store failed (${messageOf(error)})`,
              retryable: true,
              attempts: finalAttempts(),
              delivery: deliveryNow(),
              cause: error,
            }),
            endpoint,
          )
        }
        redactor.addSecret(tokenUsed)
        callRedactor = undefined
        request = options.tokens.apply(request, tokenUsed)
      }
      if (authenticate && options.sign !== undefined) {
        const unsigned = request
        request = await options.sign(request)
        rememberSignature(unsigned, request, callSecrets)
        callRedactor = undefined
      }
      const url = toUrl(request)
      if (options.hooks?.onRequest !== undefined) {
        emit('onRequest', {
          platform,
          endpoint,
          attempt,
          method: request.method,
          url: redact().url(url),
          headers: redact().headers(request.headers),
          body: request.body === undefined ? undefined : redact().body(request.body),
        })
      }

      // One attempt: ky sends it; our own deadline covers the headers and the whole body. Loading
      // ky (the first call only) takes a turn of the event loop: a hook or the caller may have
      // aborted meanwhile, and then nothing is sent.
      const ky = await loadClient()
      if (call.signal?.aborted) return aborted(call.signal.reason, false)
      const deadline = new AbortController()
      const timer = setTimeout(
        () => deadline.abort(new Error(`timeout after ${policy.timeoutMs} ms`)),
        policy.timeoutMs,
      )
      const signal =
        call.signal === undefined
          ? deadline.signal
          : AbortSignal.any([call.signal, deadline.signal])
      const sentAt = now()
      let response: IncomingResponse | undefined
      let networkFailure: string | undefined
      try {
        const raw = await ky(url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal,
        })
        const text = await raw.text()
        let json: unknown
        try {
          json = text === '' ? undefined : JSON.parse(text)
        } catch {
          json = undefined
        }
        response = { status: raw.status, headers: raw.headers, text, json }
      } catch (error) {
        if (call.signal?.aborted) return aborted(call.signal.reason, true)
        if (deadline.signal.aborted) {
          networkFailure = `timeout after ${policy.timeoutMs} ms`
          mayBeStored = true
        } else {
          networkFailure = `network error: ${deepestMessage(error)}`
          // A refused connection or an unknown host never reached the platform; anything else
          // (a reset, a socket closed mid-exchange) may have come after the body was written.
          if (!notReachedCodes.has(deepestCode(error) ?? '')) mayBeStored = true
        }
      } finally {
        clearTimeout(timer)
      }

      let classification: ResponseClassification
      if (response === undefined) {
        classification = { outcome: 'retryable', message: networkFailure ?? 'no response' }
      } else {
        answered = true
        classification = classify(response)
        if (options.hooks?.onResponse !== undefined) {
          emit('onResponse', {
            platform,
            endpoint,
            attempt,
            status: response.status,
            durationMs: now() - sentAt,
            outcome: classification.outcome,
            body: redact().body(response.text).slice(0, maxBodyInErrors),
          })
        }
        // A retryable answer (5xx, Alipay+ U, WeChat -1) does not say the order was not stored;
        // 408 and 429 say the platform did not process the request.
        if (
          classification.outcome === 'retryable' &&
          response.status !== 408 &&
          response.status !== 429
        ) {
          mayBeStored = true
        }
      }
      const responseBody = (): { responseBody?: string } =>
        response === undefined
          ? {}
          : { responseBody: redact().body(response.text).slice(0, maxBodyInErrors) }
      const code = classification.outcome === 'success' ? undefined : classification.code
      // Fixed texts need no redaction; a platform's message or a network error might.
      const textIsOurs =
        classification.outcome !== 'success' &&
        classification.message === undefined &&
        response !== undefined
      const record = (failure: string, delayMs: number, ours = textIsOurs): ApiCallAttempt => {
        unsafe.push(!ours)
        const entry: ApiCallAttempt = {
          attempt,
          failure,
          delayMs,
          ...(response === undefined ? {} : { httpStatus: response.status }),
          ...(code === undefined ? {} : { platformCode: code }),
        }
        attempts.push(entry)
        return entry
      }

      if (classification.outcome === 'success') {
        // Only a response can be classified a success; a network failure is retryable.
        const ok = response as IncomingResponse
        const decoded: Either<t.Errors, T> = call.decode.decode(ok.json)
        if (decoded._tag === 'Left') {
          record(describeDecodeErrors(decoded.left), 0, true)
          // The platform said yes in a shape we do not know: it may well have stored the order.
          mayBeStored = true
          return fail(
            new ApiCallError({
              platform,
              endpoint,
              reason: `${describeDecodeErrors(decoded.left)} (HTTP ${ok.status})`,
              httpStatus: ok.status,
              retryable: false,
              attempts: finalAttempts(),
              delivery: deliveryNow(),
              ...responseBody(),
            }),
            endpoint,
          )
        }
        record('none', 0, true)
        // The attempts are redacted the first time someone reads them, never before.
        let read: readonly ApiCallAttempt[] | undefined
        return {
          data: decoded.right,
          status: ok.status,
          get attempts() {
            read ??= finalAttempts()
            return read
          },
          response: ok,
        }
      }

      const rawMessage =
        classification.message ??
        (response === undefined ? 'no response' : `HTTP ${response.status}`)
      const details = () => {
        const message = redact().text(rawMessage)
        return {
          platform,
          endpoint,
          reason: message,
          ...(response === undefined ? {} : { httpStatus: response.status }),
          ...(code === undefined ? {} : { platformCode: code }),
          ...(classification.message === undefined ? {} : { platformMessage: message }),
          ...(classification.requestId === undefined
            ? {}
            : { requestId: classification.requestId }),
          ...responseBody(),
        }
      }
      const attemptText = (): string => rawMessage

      if (
        classification.outcome === 'token_invalid' &&
        tokenUsed !== undefined &&
        options.tokens !== undefined
      ) {
        if (!replayedToken) {
          replayedToken = true
          record(`token rejected: ${attemptText()}`, 0)
          await options.tokens.manager.expire(tokenUsed)
          emit('onRetry', {
            platform,
            endpoint,
            attempt,
            delayMs: 0,
            reason: 'access token rejected; replaying once with a new token',
          })
          continue
        }
        record(`token rejected again: ${attemptText()}`, 0)
        return fail(
          new AuthenticationError({
            platform,
            delivery: deliveryNow(),
            ...(code === undefined ? {} : { platformCode: code }),
            reason: `${endpoint}: access token rejected${code === undefined ? '' : ` (${String(code)})`}; refreshed once and still rejected — check that the credentials belong to this app and that no other system refreshes the same token`,
          }),
          endpoint,
        )
      }

      if (classification.outcome === 'retryable') {
        const retryAfter =
          response === undefined
            ? undefined
            : parseRetryAfter(response.headers.get('retry-after'), now())
        const delay = retryAfter ?? backoffDelay(policy, attempt, random)
        const elapsed = now() - startedAt
        const stop =
          attempt >= policy.maxAttempts
            ? `gave up after ${attempt} attempts (retry.maxAttempts)`
            : retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs
              ? `the platform asked to wait ${retryAfter} ms, more than retry.maxRetryAfterMs`
              : elapsed + delay > policy.maxElapsedMs
                ? `waiting ${delay} ms more would exceed retry.maxElapsedMs (${policy.maxElapsedMs} ms)`
                : undefined
        if (stop !== undefined) {
          record(attemptText(), 0)
          return fail(
            new ApiCallError({
              ...details(),
              stopReason: stop,
              retryable: true,
              attempts: finalAttempts(),
              delivery: deliveryNow(),
            }),
            endpoint,
          )
        }
        record(attemptText(), delay)
        if (options.hooks?.onRetry !== undefined) {
          emit('onRetry', {
            platform,
            endpoint,
            attempt,
            delayMs: delay,
            reason: textIsOurs ? rawMessage : redact().text(rawMessage),
          })
        }
        try {
          await sleep(delay, call.signal)
        } catch (error) {
          if (call.signal?.aborted) return aborted(call.signal.reason, false)
          throw error
        }
        continue
      }

      record(attemptText(), 0)
      const concerns = classification.outcome === 'failure' ? classification.concerns : undefined
      return fail(
        new ApiCallError({
          ...details(),
          retryable: false,
          attempts: finalAttempts(),
          delivery: deliveryNow(),
          ...(concerns === undefined ? {} : { concerns }),
        }),
        endpoint,
      )
    }
  }

  return { platform, retry: policy, redactor, send }
}
