/**
 * An access token and when it stops being valid.
 *
 * @example
 * ```ts
 * const token: StoredToken = { value: 'ACCESS_TOKEN', expiresAt: Date.now() + 7_200_000 }
 * ```
 */
export interface StoredToken {
  /** The token itself. A secret: never logged. */
  readonly value: string
  /** When it expires, in epoch milliseconds. */
  readonly expiresAt: number
  /** When to replace it, in epoch milliseconds: some time before it expires. */
  readonly refreshAt?: number
}

/**
 * A lock held by one process while it refreshes a shared token.
 *
 * @example
 * ```ts
 * const lease = await store.lease?.('wechat:wx123', 10_000)
 * if (lease) await lease.release()
 * ```
 */
export interface TokenLease {
  /** Gives the lease up early (it also ends by itself after its TTL). */
  release(): Promise<void>
  /**
   * Optionally, keeps the lease for `ttlMs` more from now, while its holder still refreshes (a
   * token endpoint that retries for longer than the lease): `false` when the lease was lost.
   */
  extend?(ttlMs: number): Promise<boolean>
}

/**
 * Where tokens are kept. The in-memory store ({@link createMemoryTokenStore}) serves one process;
 * a shared store (Redis, a database) lets many processes use one token and refresh it once.
 *
 * @example
 * ```ts
 * const store: TokenStore = createMemoryTokenStore()
 * await store.set('wechat:wx123', { value: 'token', expiresAt: Date.now() + 7_200_000 }, 7_200_000)
 * ```
 */
export interface TokenStore {
  /** The token under `key`, or `undefined`. */
  get(key: string): Promise<StoredToken | undefined>
  /** Stores a token for at most `ttlMs`. */
  set(key: string, token: StoredToken, ttlMs: number): Promise<void>
  /**
   * Deletes the token under `key` only if its value is still `expectedValue`, so that expiring a
   * rejected token never deletes a newer one that another caller stored meanwhile.
   *
   * @returns Whether it deleted it.
   */
  compareAndDelete(key: string, expectedValue: string): Promise<boolean>
  /**
   * Optionally, takes a lease on `key` for `ttlMs` so that only one of many processes refreshes:
   * `undefined` when another process holds it. Stores without it refresh once per process.
   */
  lease?(key: string, ttlMs: number): Promise<TokenLease | undefined>
}

/**
 * Options of {@link createMemoryTokenStore}.
 *
 * @example
 * ```ts
 * const store = createMemoryTokenStore({ now: () => Date.now() })
 * ```
 */
export interface MemoryTokenStoreOptions {
  /**
   * The clock, in epoch milliseconds.
   *
   * @default Date.now
   */
  readonly now?: () => number
}

/**
 * A {@link TokenStore} in this process's memory, with leases, so that several token managers in
 * one process (or a test that plays several processes) share one token.
 *
 * @param options - The clock.
 * @returns The store.
 * @example
 * ```ts
 * const store = createMemoryTokenStore()
 * await store.get('baidu:app') // undefined
 * ```
 */
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const now = options.now ?? Date.now
  const tokens = new Map<string, { token: StoredToken; until: number }>()
  const leases = new Map<string, { id: symbol; until: number }>()
  return {
    async get(key) {
      const entry = tokens.get(key)
      if (entry === undefined) return undefined
      if (entry.until <= now()) {
        tokens.delete(key)
        return undefined
      }
      return entry.token
    },
    async set(key, token, ttlMs) {
      tokens.set(key, { token, until: now() + ttlMs })
    },
    async compareAndDelete(key, expectedValue) {
      const entry = tokens.get(key)
      if (entry === undefined || entry.token.value !== expectedValue) return false
      tokens.delete(key)
      return true
    },
    async lease(key, ttlMs) {
      const held = leases.get(key)
      if (held !== undefined && held.until > now()) return undefined
      const id = Symbol(key)
      leases.set(key, { id, until: now() + ttlMs })
      return {
        async release() {
          if (leases.get(key)?.id === id) leases.delete(key)
        },
        async extend(more) {
          const current = leases.get(key)
          if (current?.id !== id || current.until <= now()) return false
          current.until = now() + more
          return true
        },
      }
    },
  }
}
