import { AuthenticationError } from '../errors/authentication-error.ts'
import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { createSharedWork, sleepUnlessAborted } from '../ground/wait-unless-aborted.ts'
import { loadedTelemetry } from '../telemetry/telemetry.ts'
import type { StoredToken, TokenStore } from './token-store.ts'
import { createMemoryTokenStore } from './token-store.ts'

/**
 * What a platform's token endpoint gave.
 *
 * @example
 * ```ts
 * const fetched: FetchedToken = { value: 'ACCESS_TOKEN', expiresInMs: 7200 * 1000 }
 * ```
 */
export interface FetchedToken {
  /** The token. */
  readonly value: string
  /** Its lifetime in milliseconds (`expires_in` × 1000). */
  readonly expiresInMs: number
}

/**
 * Options of {@link createTokenManager}.
 *
 * @example
 * ```ts
 * const options: TokenManagerOptions = {
 *   platform: 'baidu',
 *   key: 'baidu:app-key',
 *   fetchToken: async () => ({ value: 'ACCESS_TOKEN', expiresInMs: 2_592_000_000 }),
 * }
 * ```
 */
export interface TokenManagerOptions {
  /** The platform, for error messages. */
  readonly platform: string
  /** The store key; one per credential, e.g. `wechat:<appId>`. */
  readonly key: string
  /**
   * Calls the platform's token endpoint. It runs once however many callers wait; its signal aborts
   * only when every waiting caller has aborted (one caller giving up must not fail the others, and
   * once all have, no request may still be sent). Pass the signal on to the transport.
   */
  readonly fetchToken: (signal: AbortSignal) => Promise<FetchedToken>
  /**
   * Where the token is kept.
   *
   * @default a new in-memory store
   */
  readonly store?: TokenStore
  /**
   * How long before expiry a token is replaced; capped at half its lifetime.
   *
   * @default 300000 (5 minutes)
   */
  readonly refreshAheadMs?: number
  /**
   * With a store that has leases: how long one process may take to refresh, and how often the
   * others look for its result.
   *
   * @default { leaseMs: 10000, pollMs: 50 }
   */
  readonly lease?: { readonly leaseMs?: number; readonly pollMs?: number }
  /**
   * Called with each new token value, so that the transport can redact it.
   */
  readonly onToken?: (value: string) => void
  /**
   * The clock, in epoch milliseconds.
   *
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * Gives out a valid access token, fetching one only when needed.
 *
 * @example
 * ```ts
 * const token = await manager.get()
 * // … the platform says it is invalid:
 * await manager.expire(token)
 * ```
 */
export interface TokenManager {
  /** A token that is valid for at least the refresh-ahead window. Concurrent callers share one fetch. */
  get(signal?: AbortSignal): Promise<string>
  /**
   * Marks `value` as rejected: deletes it from the store if it is still the current token, so the
   * next {@link TokenManager.get} fetches a new one; a newer token is left alone.
   */
  expire(value: string): Promise<void>
}

/**
 * Creates a {@link TokenManager}: single-flight refresh (200 concurrent callers on a cold cache
 * cause one token request), refresh ahead of expiry, compare-and-expire, and — with a store that
 * has leases — one refresh across many processes.
 *
 * @param options - The platform, the store key, the fetcher and the timings.
 * @returns The manager.
 * @throws {@link InvalidArgumentError} for a negative `refreshAheadMs`.
 * @example
 * ```ts
 * const manager = createTokenManager({
 *   platform: 'wechat',
 *   key: 'wechat:wx123',
 *   fetchToken: async () => ({ value: await requestStableToken(), expiresInMs: 7_200_000 }),
 * })
 * const token = await manager.get()
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const store =
    options.store ?? createMemoryTokenStore(options.now === undefined ? {} : { now: options.now })
  const now = options.now ?? Date.now
  const refreshAheadMs = options.refreshAheadMs ?? 300_000
  if (!Number.isSafeInteger(refreshAheadMs) || refreshAheadMs < 0) {
    throw new InvalidArgumentError({
      platform: options.platform,
      argument: 'refreshAheadMs',
      reason: `must be a non-negative integer, got ${String(refreshAheadMs)}`,
    })
  }
  const leaseMs = options.lease?.leaseMs ?? 10_000
  const pollMs = options.lease?.pollMs ?? 50

  const isFresh = (token: StoredToken | undefined): token is StoredToken => {
    if (token === undefined) return false
    return now() < (token.refreshAt ?? token.expiresAt - refreshAheadMs)
  }

  const fetchAndStore = async (signal: AbortSignal): Promise<string> => {
    const fetched = await options.fetchToken(signal)
    if (typeof fetched.value !== 'string' || fetched.value === '' || !(fetched.expiresInMs > 0)) {
      throw new AuthenticationError({
        platform: options.platform,
        reason: 'the token endpoint answered without a usable token and lifetime',
      })
    }
    options.onToken?.(fetched.value)
    loadedTelemetry()?.tokenRefreshes.add(1, { 'ordersync.platform': options.platform })
    // Refresh ahead by at most half the lifetime, so that a short-lived token is still used.
    const ahead = Math.min(refreshAheadMs, Math.floor(fetched.expiresInMs / 2))
    const fetchedAt = now()
    const token = {
      value: fetched.value,
      expiresAt: fetchedAt + fetched.expiresInMs,
      refreshAt: fetchedAt + fetched.expiresInMs - ahead,
    }
    await store.set(options.key, token, fetched.expiresInMs)
    return token.value
  }

  const refresh = async (signal: AbortSignal): Promise<string> => {
    if (store.lease === undefined) return fetchAndStore(signal)
    for (;;) {
      signal.throwIfAborted()
      const current = await store.get(options.key)
      if (isFresh(current)) return current.value
      const lease = await store.lease(options.key, leaseMs)
      if (lease !== undefined) {
        // A refresh may take longer than the lease (the token endpoint retrying): renew it at half
        // its term, so that no other process refreshes meanwhile and voids this token.
        const renew =
          lease.extend === undefined
            ? undefined
            : setInterval(
                () => {
                  void lease.extend?.(leaseMs).catch(() => {
                    // A lost renewal only means another process may refresh too.
                  })
                },
                Math.max(1, Math.floor(leaseMs / 2)),
              )
        try {
          const again = await store.get(options.key)
          if (isFresh(again)) return again.value
          return await fetchAndStore(signal)
        } finally {
          if (renew !== undefined) clearInterval(renew)
          await lease.release()
        }
      }
      await sleepUnlessAborted(pollMs, signal)
    }
  }
  // One refresh for every caller; cancelled only once every caller waiting for it has aborted.
  const sharedRefresh = createSharedWork(refresh)

  return {
    async get(signal) {
      const current = await store.get(options.key)
      if (isFresh(current)) {
        options.onToken?.(current.value)
        return current.value
      }
      return sharedRefresh.join(signal)
    },
    async expire(value) {
      await store.compareAndDelete(options.key, value)
    },
  }
}
