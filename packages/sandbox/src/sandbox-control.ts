import type { FaultSpec, RequestLogEntry } from './sandbox-types.ts'

/**
 * Request counts of one platform.
 *
 * @example
 * ```ts
 * const { requests, tokenRequests } = sandbox.control.counters('wechat')
 * ```
 */
export interface SandboxCounters {
  /** API requests by endpoint path. */
  readonly requests: Readonly<Record<string, number>>
  /** Requests to token endpoints, counted apart. */
  readonly tokenRequests: number
}

/**
 * A handle on an injected fault.
 *
 * @example
 * ```ts
 * const fault = sandbox.control.injectFault({ platform: 'youshu', action: { type: 'drop' }, times: 3 })
 * fault.applied // 0 until a request comes
 * fault.clear()
 * ```
 */
export interface FaultHandle {
  /** How many requests it was applied to so far. */
  readonly applied: number
  /** Removes it. */
  clear(): void
}

/**
 * Looks into and steers a running sandbox.
 *
 * @example
 * ```ts
 * sandbox.control.injectFault({ platform: 'youshu', action: { type: 'drop' } })
 * sandbox.control.counters('youshu').requests['/data-api/v1/order/add_order']
 * ```
 */
export interface SandboxControl {
  /** The stored records of a platform (orders, keyed as the platform keys them). */
  orders(platform: string): ReadonlyMap<string, unknown>
  /** The request log of a platform, or of all. */
  log(platform?: string): readonly RequestLogEntry[]
  /** The request counters of a platform. */
  counters(platform: string): SandboxCounters
  /**
   * Injects a fault.
   *
   * @throws {@link SandboxFaultSpecError} for an unknown type, platform, endpoint or field, naming it.
   */
  injectFault(spec: FaultSpec): FaultHandle
  /** Removes the faults of a platform, or all. */
  clearFaults(platform?: string): void
  /** Makes every token a platform issued invalid. */
  invalidateTokens(platform: string): void
  /** Forgets orders, logs, counters, faults and tokens. */
  reset(): void
}
