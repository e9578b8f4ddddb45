import type { z } from 'zod'
import type { ValidationIssue } from '../errors/validation-error.ts'
import type { Order } from './order-types.ts'
import { toValidationIssues } from './parse-order.ts'

/**
 * Checks an order's `platformOptions.<platform>` and each line's at run time (they are typed for
 * TypeScript users only), so that a wrong option fails with its canonical path. An absent order
 * option is checked as `{}`; a line without options is not parsed at all, so each platform's line
 * schema must accept `{}`.
 *
 * @param order - A parsed order.
 * @param platform - The platform's key under `platformOptions`, e.g. `youshu`.
 * @param schemas - The platform's schemas for the order's options and, if it has them, a line's.
 * @returns Every issue found, each with its path from the order's root; none when all is well.
 * @example
 * ```ts
 * import { checkPlatformOptions, parseOrder } from '@ordersync/core'
 * import { youshuFaqOrder } from '@ordersync/youshu/fixtures'
 * import { z } from 'zod'
 *
 * const order = parseOrder(youshuFaqOrder)
 * checkPlatformOptions(order, 'youshu', { order: z.object({ storeId: z.string().optional() }) }) // []
 * ```
 */
export function checkPlatformOptions(
  order: Order,
  platform: string,
  schemas: { readonly order: z.ZodType; readonly line?: z.ZodType },
): ValidationIssue[] {
  const options = (value: unknown): unknown =>
    (value as Readonly<Record<string, unknown>> | undefined)?.[platform]
  const issues: ValidationIssue[] = []
  const orderResult = schemas.order.safeParse(options(order.platformOptions) ?? {})
  if (!orderResult.success) {
    issues.push(...toValidationIssues(orderResult.error.issues, ['platformOptions', platform]))
  }
  const lineSchema = schemas.line
  if (lineSchema !== undefined) {
    order.lines.forEach((line, index) => {
      const value = options(line.platformOptions)
      if (value === undefined) return
      const result = lineSchema.safeParse(value)
      if (!result.success) {
        issues.push(
          ...toValidationIssues(result.error.issues, ['lines', index, 'platformOptions', platform]),
        )
      }
    })
  }
  return issues
}
