import type { z } from 'zod'
import { ValidationError, type ValidationIssue } from '../errors/validation-error.ts'
import { checkOrderConsistency } from './check-order-consistency.ts'
import { compileFastParse, type FastParse, fastParseFailed } from './fast-parse.ts'
import { orderObject, orderSchema } from './order-schema.ts'
import type { Order } from './order-types.ts'

/**
 * The mark of an order that `validateOrder` or `parseOrder` returned (non-enumerable; shared by
 * every copy of core).
 *
 * @internal
 */
export const parsedOrderMarker: unique symbol = Symbol.for('ordersync.parsed-order') as never

/**
 * The answer of {@link validateOrder}.
 *
 * @example
 * ```ts
 * const result: OrderValidationResult = validateOrder(youshuFaqOrder)
 * if (result.success) result.order.id
 * ```
 */
export type OrderValidationResult =
  | { readonly success: true; readonly order: Order }
  | { readonly success: false; readonly error: ValidationError }

/**
 * Converts zod's issues into ordersync's {@link ValidationIssue}s: a path of strings and numbers, a
 * message and a stable code (the check's own code for the checks across fields).
 *
 * @param issues - zod's issues.
 * @param pathPrefix - Where the validated value sits, prepended to each path (e.g.
 *   `['platformOptions', 'youshu']` for a platform's options).
 * @returns One issue per zod issue, in order.
 * @example
 * ```ts
 * const result = orderSchema.safeParse({})
 * if (!result.success) toValidationIssues(result.error.issues)
 * ```
 */
export function toValidationIssues(
  issues: readonly z.core.$ZodIssue[],
  pathPrefix: readonly (string | number)[] = [],
): ValidationIssue[] {
  return issues.map((issue) => {
    const params =
      issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined) : undefined
    return {
      path: [
        ...pathPrefix,
        ...issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'),
      ],
      message: issue.message,
      code: typeof params?.code === 'string' ? params.code : issue.code,
    }
  })
}

// Compiled on the first validation, so that importing core stays cheap; `null` once found
// uncompilable (then zod alone runs).
let fastOrderParse: FastParse | null | undefined

/**
 * The order as zod would return it, when the fast path can vouch that `input` is a valid order;
 * otherwise `undefined`, and zod must run to say what is wrong.
 */
function parseValidOrderFast(input: unknown): Order | undefined {
  if (fastOrderParse === undefined) fastOrderParse = compileFastParse(orderObject) ?? null
  if (fastOrderParse === null) return undefined
  const parsed = fastOrderParse(input)
  if (parsed === fastParseFailed) return undefined
  return checkOrderConsistency(parsed).length === 0 ? (parsed as Order) : undefined
}

/** Marks the order as validated, so that a standalone conversion does not validate it again. */
function validated(order: Order): OrderValidationResult {
  Object.defineProperty(order, parsedOrderMarker, { value: true })
  return { success: true, order }
}

/**
 * Validates a canonical order without throwing.
 *
 * A valid order made of plain data (what JSON.parse and object literals give) takes a compiled
 * fast path that returns exactly what `orderSchema` would, several times faster; anything else
 * (an invalid order, a class instance, a getter that throws) goes through `orderSchema`, which
 * reports every problem with its path.
 *
 * @param input - A candidate order, typically an `OrderInput`.
 * @returns The valid order, or a {@link ValidationError} listing every problem with its path.
 * @example
 * ```ts
 * const result = validateOrder(candidate)
 * if (!result.success) console.error(result.error.issues)
 * ```
 */
export function validateOrder(input: unknown): OrderValidationResult {
  const fast = parseValidOrderFast(input)
  if (fast !== undefined) return validated(fast)
  let result: ReturnType<typeof orderSchema.safeParse>
  try {
    result = orderSchema.safeParse(input)
  } catch (thrown) {
    // A getter or Proxy that throws (an ORM's lazy relation), or a value nested beyond the stack.
    const reason = thrown instanceof Error ? thrown.message : String(thrown)
    return {
      success: false,
      error: new ValidationError({
        subject: 'order',
        issues: [
          {
            path: [],
            code: 'unreadable',
            message: `reading the order threw (${reason.length > 120 ? `${reason.slice(0, 120)}…` : reason}); pass plain data, e.g. the result of your ORM's toJSON()`,
          },
        ],
        cause: thrown,
      }),
    }
  }
  if (result.success) return validated(result.data)
  return {
    success: false,
    error: new ValidationError({
      subject: 'order',
      issues: toValidationIssues(result.error.issues),
      cause: result.error,
    }),
  }
}

/**
 * Validates a canonical order and returns it with times as instants.
 *
 * @param input - A candidate order, typically an `OrderInput`.
 * @returns The valid {@link Order}.
 * @throws {@link ValidationError} listing every problem at once, each with its path.
 * @example
 * ```ts
 * import { parseOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 *
 * const order = parseOrder(youshuFaqOrder)
 * order.payableAmount // { amount: 10000, currency: 'CNY' }
 * ```
 */
export function parseOrder(input: unknown): Order {
  const result = validateOrder(input)
  if (!result.success) throw result.error
  return result.order
}
