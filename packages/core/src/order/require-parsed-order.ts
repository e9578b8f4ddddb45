import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { requireAcyclic } from './find-cycle.ts'
import type { Order } from './order-types.ts'
import { parsedOrderMarker, validateOrder } from './parse-order.ts'

/**
 * Checks that a value handed to a platform's standalone conversion (`toYoushuOrder`, …) is an
 * order that went through `parseOrder`, whose times are instants. An `OrderInput` (times as ISO
 * strings or `Date`s) or anything else fails at once with a message that says what to call,
 * instead of a confusing error deep in the conversion.
 *
 * An order that `parseOrder` returned passes at once (it carries a mark). Anything else with
 * instants for times (a copy, a spread) is validated again, so nothing unvalidated reaches a
 * conversion.
 *
 * @param value - What the caller passed.
 * @param platform - The platform, for the error.
 * @returns The order.
 * @throws {@link InvalidArgumentError} naming `order` for an order that was never parsed.
 * @throws {@link ValidationError} for an order-shaped value that is not a valid order.
 * @example
 * ```ts
 * import { parseOrder, requireParsedOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 *
 * requireParsedOrder(parseOrder(youshuFaqOrder), 'youshu') // the order
 * requireParsedOrder(youshuFaqOrder, 'youshu') // throws: call parseOrder(order) first
 * ```
 */
export function requireParsedOrder(value: unknown, platform: string): Order {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError({
      platform,
      argument: 'order',
      reason: `must be an order returned by parseOrder(...), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    })
  }
  if ((value as Record<symbol, unknown>)[parsedOrderMarker] === true) return value as Order
  const { createdAt, modifiedAt } = value as { createdAt?: unknown; modifiedAt?: unknown }
  if (
    typeof createdAt !== 'number' ||
    (modifiedAt !== undefined && typeof modifiedAt !== 'number')
  ) {
    const field = typeof createdAt !== 'number' ? 'createdAt' : 'modifiedAt'
    const given = (value as Record<string, unknown>)[field]
    throw new InvalidArgumentError({
      platform,
      argument: 'order',
      reason: `is not a parsed order (its ${field} is ${given instanceof Date ? 'a Date' : typeof given === 'string' ? 'a string' : String(typeof given)}, not an instant): call parseOrder(order) first, which validates it and turns its times into instants`,
    })
  }
  requireAcyclic(value, platform)
  const result = validateOrder(value)
  if (!result.success) throw result.error
  return result.order
}
