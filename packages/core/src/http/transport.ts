import type { Either } from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import ky from 'ky'
import { type ApiCallAttempt, ApiCallError } from '../errors/api-call-error.ts'
import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { OrderSyncError } from '../errors/order-sync-error.ts'
import type { TokenManager } from '../tokens/token-manager.ts'
import { createRedactor, type Redactor } from './redact.ts'
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

function defaultSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, milliseconds)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * Checks a base URL: absolute, `http:` or `https:`, without query or fragment.
 *
 * @param baseURL - The setting's value.
 * @param platform - The platform, for the error.
 * @param setting - The setting's name.
 * @returns The URL without a trailing slash.
 * @throws {@link InvalidArgumentError} naming the setting.
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
  const sleep = options.sleep ?? defaultSleep
  const fetchImplementation = options.fetch ?? globalThis.fetch
  const client = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: (input, init) => fetchImplementation(input, init),
  })

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
    let replayedToken = false
    let attempt = 0

    for (;;) {
      attempt += 1
      call.signal?.throwIfAborted()
      let request: OutgoingRequest = {
        method: call.method ?? 'POST',
        path: endpoint,
        query: { ...call.query },
        headers: { ...call.headers },
        ...(call.body === undefined ? {} : { body: call.body }),
      }
      let tokenUsed: string | undefined
      if (authenticate && options.tokens !== undefined) {
        tokenUsed = await options.tokens.manager.get(call.signal)
        redactor.addSecret(tokenUsed)
        request = options.tokens.apply(request, tokenUsed)
      }
      if (authenticate && options.sign !== undefined) request = await options.sign(request)
      const url = toUrl(request)
      emit('onRequest', {
        platform,
        endpoint,
        attempt,
        method: request.method,
        url: redactor.url(url),
        headers: redactor.headers(request.headers),
        body: request.body === undefined ? undefined : redactor.body(request.body),
      })

      // One attempt: ky sends it; our own deadline covers the headers and the whole body.
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
        const raw = await client(url, {
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
        if (call.signal?.aborted) throw call.signal.reason
        networkFailure = deadline.signal.aborted
          ? `timeout after ${policy.timeoutMs} ms`
          : `network error: ${redactor.text(deepestMessage(error))}`
      } finally {
        clearTimeout(timer)
      }

      let classification: ResponseClassification
      if (response === undefined) {
        classification = { outcome: 'retryable', message: networkFailure ?? 'no response' }
      } else {
        classification = classify(response)
        emit('onResponse', {
          platform,
          endpoint,
          attempt,
          status: response.status,
          durationMs: now() - sentAt,
          outcome: classification.outcome,
          body: redactor.body(response.text).slice(0, maxBodyInErrors),
        })
      }
      const responseBody =
        response === undefined ? undefined : redactor.body(response.text).slice(0, maxBodyInErrors)
      const code = classification.outcome === 'success' ? undefined : classification.code
      const record = (failure: string, delayMs: number): ApiCallAttempt => {
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
          record(describeDecodeErrors(decoded.left), 0)
          return fail(
            new ApiCallError({
              platform,
              endpoint,
              reason: `${describeDecodeErrors(decoded.left)} (HTTP ${ok.status})`,
              httpStatus: ok.status,
              retryable: false,
              attempts,
              ...(responseBody === undefined ? {} : { responseBody }),
            }),
            endpoint,
          )
        }
        attempts.push({ attempt, httpStatus: ok.status, failure: 'none', delayMs: 0 })
        return { data: decoded.right, status: ok.status, attempts, response: ok }
      }

      const message = redactor.text(
        classification.message ??
          (response === undefined ? 'no response' : `HTTP ${response.status}`),
      )
      const details = {
        platform,
        endpoint,
        ...(response === undefined ? {} : { httpStatus: response.status }),
        ...(code === undefined ? {} : { platformCode: code }),
        ...(classification.message === undefined ? {} : { platformMessage: message }),
        ...(classification.requestId === undefined ? {} : { requestId: classification.requestId }),
        ...(responseBody === undefined ? {} : { responseBody }),
      }

      if (
        classification.outcome === 'token_invalid' &&
        tokenUsed !== undefined &&
        options.tokens !== undefined
      ) {
        if (!replayedToken) {
          replayedToken = true
          record(`token rejected: ${message}`, 0)
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
        record(`token rejected again: ${message}`, 0)
        return fail(
          new AuthenticationError({
            platform,
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
          record(message, 0)
          return fail(
            new ApiCallError({
              ...details,
              reason: message,
              stopReason: stop,
              retryable: true,
              attempts,
            }),
            endpoint,
          )
        }
        record(message, delay)
        emit('onRetry', { platform, endpoint, attempt, delayMs: delay, reason: message })
        await sleep(delay, call.signal)
        continue
      }

      record(message, 0)
      return fail(
        new ApiCallError({ ...details, reason: message, retryable: false, attempts }),
        endpoint,
      )
    }
  }

  return { platform, retry: policy, redactor, send }
}
