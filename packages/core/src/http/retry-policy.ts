import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

/**
 * How the transport retries a call. Every field is optional; see each default.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { maxAttempts: 5, maxElapsedMs: 30_000 }
 * ```
 */
export interface RetryOptions {
  /**
   * The most attempts in all, the first included; 1 disables retries.
   *
   * @default 4
   */
  readonly maxAttempts?: number
  /**
   * The base of the exponential backoff: attempt n waits up to `initialDelayMs × 2^(n−1)`.
   *
   * @default 250
   */
  readonly initialDelayMs?: number
  /**
   * The cap of one backoff delay (before jitter).
   *
   * @default 8000
   */
  readonly maxDelayMs?: number
  /**
   * The budget of one call, from its first attempt: no retry starts whose delay would end past it.
   *
   * @default 60000
   */
  readonly maxElapsedMs?: number
  /**
   * The timeout of one attempt, from sending to the whole response body.
   *
   * @default 10000
   */
  readonly timeoutMs?: number
  /**
   * The longest `Retry-After` honoured; a longer one ends the call (the platform asks for more
   * patience than the budget has).
   *
   * @default 30000
   */
  readonly maxRetryAfterMs?: number
}

/**
 * {@link RetryOptions} with every default filled in and checked.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = resolveRetryPolicy({ maxAttempts: 2 })
 * ```
 */
export type RetryPolicy = Required<RetryOptions>

/**
 * The defaults of {@link RetryOptions}.
 *
 * @example
 * ```ts
 * defaultRetryPolicy.maxAttempts // 4
 * ```
 */
export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  initialDelayMs: 250,
  maxDelayMs: 8000,
  maxElapsedMs: 60_000,
  timeoutMs: 10_000,
  maxRetryAfterMs: 30_000,
}

/**
 * Fills in the defaults of {@link RetryOptions} and checks each value, so that a setting that
 * cannot work fails when the client is created, with the setting's name.
 *
 * @param options - The user's options.
 * @param platform - The platform, for the error message.
 * @returns The complete policy.
 * @throws {@link InvalidArgumentError} naming the setting, e.g. `retry.maxAttempts`.
 * @example
 * ```ts
 * resolveRetryPolicy({ maxAttempts: 2 }).maxAttempts // 2
 * resolveRetryPolicy({ maxAttempts: -1 }) // throws: invalid retry.maxAttempts: must be an integer of at least 1
 * ```
 */
export function resolveRetryPolicy(options: RetryOptions = {}, platform?: string): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...withoutUndefined(options) }
  const check = (key: keyof RetryPolicy, minimum: number): void => {
    const value = policy[key]
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError({
        argument: `retry.${key}`,
        reason: `must be an integer of at least ${minimum}, got ${String(value)}`,
        ...(platform === undefined ? {} : { platform }),
      })
    }
  }
  check('maxAttempts', 1)
  check('initialDelayMs', 0)
  check('maxDelayMs', 0)
  check('maxElapsedMs', 0)
  check('timeoutMs', 1)
  check('maxRetryAfterMs', 0)
  return policy
}

function withoutUndefined(options: RetryOptions): RetryOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}

/**
 * The delay before the next attempt: "full jitter" exponential backoff, a random share of
 * `min(maxDelayMs, initialDelayMs × 2^(attempt−1))`, so that many clients failing together do
 * not retry together.
 *
 * @param policy - The retry policy.
 * @param attempt - The attempt that just failed (1 for the first).
 * @param random - A source of numbers in [0, 1).
 * @returns Milliseconds to wait.
 * @example
 * ```ts
 * backoffDelay(defaultRetryPolicy, 3, () => 0.5) // 500 (half of 250 × 2²)
 * ```
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1))
  return Math.floor(random() * ceiling)
}

/**
 * What the transport does after an attempt that may be retried: wait `delayMs` and try again, or
 * stop, for the reason given (which the error repeats).
 *
 * @example
 * ```ts
 * const plan: RetryPlan = { delayMs: 125 }
 * ```
 */
export type RetryPlan =
  | {
      /** Milliseconds to wait before the next attempt. */
      readonly delayMs: number
    }
  | {
      /** Why no attempt follows, e.g. `gave up after 4 attempts (retry.maxAttempts)`. */
      readonly stopReason: string
    }

/**
 * Plans the retry after a failed attempt: the delay is the platform's `Retry-After` when it sent
 * one, else full-jitter backoff ({@link backoffDelay}); the call stops when it has made
 * `maxAttempts`, when the platform asks to wait longer than `maxRetryAfterMs`, or when the wait
 * would end past `maxElapsedMs` (no retry starts that the budget cannot hold).
 *
 * @param policy - The retry policy.
 * @param failed - The attempt that failed (1 for the first), the time since the call started, and
 *   the `Retry-After` of its answer in milliseconds, if any.
 * @param random - A source of numbers in [0, 1), for the jitter.
 * @returns The delay before the next attempt, or why there is none.
 * @example
 * ```ts
 * planRetry(defaultRetryPolicy, { attempt: 1, elapsedMs: 0 }, () => 0.5) // { delayMs: 125 }
 * planRetry(defaultRetryPolicy, { attempt: 4, elapsedMs: 0 }, () => 0.5) // { stopReason: 'gave up after 4 attempts (retry.maxAttempts)' }
 * ```
 */
export function planRetry(
  policy: RetryPolicy,
  failed: { readonly attempt: number; readonly elapsedMs: number; readonly retryAfterMs?: number },
  random: () => number,
): RetryPlan {
  const { attempt, elapsedMs, retryAfterMs } = failed
  const delayMs = retryAfterMs ?? backoffDelay(policy, attempt, random)
  if (attempt >= policy.maxAttempts) {
    return { stopReason: `gave up after ${attempt} attempts (retry.maxAttempts)` }
  }
  if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) {
    return {
      stopReason: `the platform asked to wait ${retryAfterMs} ms, more than retry.maxRetryAfterMs`,
    }
  }
  if (elapsedMs + delayMs > policy.maxElapsedMs) {
    return {
      stopReason: `waiting ${delayMs} ms more would exceed retry.maxElapsedMs (${policy.maxElapsedMs} ms)`,
    }
  }
  return { delayMs }
}

/**
 * Reads a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 *
 * @param value - The header value, or `null`.
 * @param now - The current time in epoch milliseconds, for the date form.
 * @returns Milliseconds to wait, or `undefined` when the header is absent or unreadable.
 * @example
 * ```ts
 * parseRetryAfter('1', Date.now()) // 1000
 * parseRetryAfter(null, Date.now()) // undefined
 * ```
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
