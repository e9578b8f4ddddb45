import type { RetryOptions } from '../http/retry-policy.ts'
import type { TransportHooks } from '../http/transport-types.ts'

/**
 * The settings every platform client takes beside its credentials: where to send, how to retry,
 * who observes, and which `fetch` sends. A platform's settings extend it; one whose every merchant
 * has a host of its own (Alipay+, Wixtar) makes `baseURL` required.
 *
 * @example
 * ```ts
 * const common: PlatformClientSettings = {
 *   baseURL: 'http://127.0.0.1:4310',
 *   retry: { maxAttempts: 5 },
 *   hooks: { onRetry: (event) => console.log(event.reason) },
 * }
 * ```
 */
export interface PlatformClientSettings {
  /**
   * Another host than the platform's, `http(s)://host[/prefix]`: the sandbox's, a proxy's. The
   * endpoint paths are appended to it.
   *
   * @default the platform's public host, where it has one
   */
  readonly baseURL?: string
  /** How calls are retried: attempts, backoff, timeouts (core's `RetryOptions`). */
  readonly retry?: RetryOptions
  /** Observers of every attempt, each event redacted (no secret, token, signature or phone). */
  readonly hooks?: TransportHooks
  /**
   * The `fetch` that sends: the seam for tests and middleware.
   *
   * @default globalThis.fetch
   */
  readonly fetch?: typeof globalThis.fetch
  /**
   * Whether buyers' and receivers' names, addresses and emails are redacted from hooks, errors
   * and results, as phone numbers are. Personal information under China's PIPL and similar laws:
   * turn it off only to debug locally with test data. Secrets, tokens, signatures and phone
   * numbers are redacted whatever it says.
   *
   * @default true
   */
  readonly redactPersonalData?: boolean
}
