import type { z } from 'zod'
import type { ValidationIssue } from '../errors/validation-error.ts'
import { compileFastParse, type FastParse, fastParseFailed } from './fast-parse.ts'
import type { Order } from './order-types.ts'
import { toValidationIssues } from './parse-order.ts'

// Each options schema compiled once into the fast path that validateOrder uses (`null` when it
// cannot be), so that the options of a streamed order, nearly always valid (and often absent,
// checked as `{}`), cost no zod parse; zod runs only when the fast path cannot vouch, and then says
// what is wrong exactly as before.
const compiledSchemas = new WeakMap<object, FastParse | null>()

function fastParseOf(schema: z.ZodType): FastParse | null {
  let parse = compiledSchemas.get(schema)
  if (parse === undefined) {
    // Only a zod 4 schema can be compiled (it carries `_zod`); any other is parsed by its own.
    const isZod4 = typeof (schema as { _zod?: unknown })._zod === 'object'
    parse = (isZod4 ? compileFastParse(schema) : undefined) ?? null
    compiledSchemas.set(schema, parse)
  }
  return parse
}

/** The issues of `value` against `schema` at `pathPrefix`; none without a zod parse when valid. */
function issuesOf(
  schema: z.ZodType,
  value: unknown,
  pathPrefix: readonly (string | number)[],
): ValidationIssue[] | undefined {
  const fast = fastParseOf(schema)
  if (fast !== null && fast(value) !== fastParseFailed) return undefined
  const result = schema.safeParse(value)
  return result.success ? undefined : toValidationIssues(result.error.issues, pathPrefix)
}

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
  const orderIssues = issuesOf(schemas.order, options(order.platformOptions) ?? {}, [
    'platformOptions',
    platform,
  ])
  if (orderIssues !== undefined) issues.push(...orderIssues)
  const lineSchema = schemas.line
  if (lineSchema === undefined) return issues
  const lines = order.lines
  for (let index = 0; index < lines.length; index += 1) {
    const value = options(lines[index]?.platformOptions)
    if (value === undefined) continue
    const lineIssues = issuesOf(lineSchema, value, ['lines', index, 'platformOptions', platform])
    if (lineIssues !== undefined) issues.push(...lineIssues)
  }
  return issues
}
