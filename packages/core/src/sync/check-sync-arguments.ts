import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

function isFunction(value: unknown): boolean {
  return typeof value === 'function'
}

/**
 * Checks the options of `syncOrders` at run time, for callers without types: each misused one is
 * an {@link InvalidArgumentError} naming it.
 */
export function checkSyncArguments(options: unknown): void {
  const argument = (name: string, reason: string): never => {
    throw new InvalidArgumentError({ argument: name, reason })
  }
  if (typeof options !== 'object' || options === null) {
    argument('options', `must be an object with platform and orders, got ${describe(options)}`)
  }
  const given = options as Record<string, unknown>
  const platform = given.platform as Record<string, unknown> | undefined
  if (
    typeof platform !== 'object' ||
    platform === null ||
    platform.specificationVersion !== 'v1' ||
    !isFunction(platform.prepare) ||
    !isFunction(platform.doSync)
  ) {
    argument(
      'platform',
      `must be a platform client (such as createYoushu(...)) implementing OrderSyncPlatformV1, got ${describe(platform)}`,
    )
  }
  const orders = given.orders as Record<symbol, unknown> | undefined
  if (
    typeof orders !== 'object' ||
    orders === null ||
    !(isFunction(orders[Symbol.iterator]) || isFunction(orders[Symbol.asyncIterator]))
  ) {
    argument(
      'orders',
      `must be an array or an (async) iterable of orders, got ${describe(orders)}${typeof orders === 'object' && orders !== null ? ' (wrap a single order in an array)' : ''}`,
    )
  }
  const signal = given.signal
  if (
    signal !== undefined &&
    !(typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal)
  ) {
    argument('signal', `must be an AbortSignal, got ${describe(signal)}`)
  }
  for (const name of ['onProgress', 'onResult'] as const) {
    if (given[name] !== undefined && !isFunction(given[name])) {
      argument(name, `must be a function, got ${describe(given[name])}`)
    }
  }
  const keep = given.keepResults
  if (keep !== undefined && keep !== 'all' && keep !== 'failed' && keep !== 'none') {
    argument('keepResults', `must be 'all', 'failed' or 'none', got ${describe(keep)}`)
  }
  for (const name of ['concurrency', 'versionWindow'] as const) {
    const value = given[name]
    if (value !== undefined && (!Number.isSafeInteger(value) || (value as number) < 1)) {
      argument(name, `must be an integer of at least 1, got ${describe(value)}`)
    }
  }
  const limit = given.sameFailureLimit
  if (limit !== undefined && (!Number.isSafeInteger(limit) || (limit as number) < 0)) {
    argument('sameFailureLimit', `must be an integer of at least 0, got ${describe(limit)}`)
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return 'a string'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return typeof value
}
