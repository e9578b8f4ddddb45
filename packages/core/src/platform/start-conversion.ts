import type { z } from 'zod'
import { quoteValue } from '../errors/quote-value.ts'
import { ValidationError, type ValidationIssue } from '../errors/validation-error.ts'
import { checkPlatformOptions } from '../order/check-platform-options.ts'
import type { Order } from '../order/order-types.ts'
import type { SyncWarning } from '../sync/platform-contract.ts'

/**
 * What a platform's conversion needs to know to open and close: whose it is, how it names the
 * order in an error, the code of its own rules, and the schemas of its `platformOptions`.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 *
 * const setup: ConversionSetup = {
 *   platform: 'wechat',
 *   platformName: 'WeChat',
 *   ruleCode: 'wechat_rule',
 *   optionSchemas: { order: z.object({ scene: z.number().optional() }) },
 * }
 * ```
 */
export interface ConversionSetup {
  /** The platform id: the key of `platformOptions`, and the platform of the errors. */
  readonly platform: string
  /** The platform's name in messages: "order "o-1" for WeChat is invalid". */
  readonly platformName: string
  /** The `code` of a problem with the platform's own rules, e.g. `wechat_rule`. */
  readonly ruleCode: string
  /** The schemas of the order's and each line's `platformOptions.<platform>`. */
  readonly optionSchemas: { readonly order: z.ZodType; readonly line?: z.ZodType }
}

/**
 * One conversion of a canonical order into a platform's payload, opened by
 * {@link startConversion}: it gathers warnings (what the platform cannot carry) and problems (what
 * it refuses), and {@link Conversion.finish} gives the payload with its warnings or throws one
 * `ValidationError` with every problem.
 *
 * @example
 * ```ts
 * import { z } from 'zod'
 *
 * const order = parseOrder(youshuDocumentOrder)
 * const conversion: Conversion = startConversion(order, {
 *   platform: 'example',
 *   platformName: 'Example',
 *   ruleCode: 'example_rule',
 *   optionSchemas: { order: z.object({}) },
 * })
 * conversion.warn({ path: ['notes'], code: 'field_dropped', message: 'Example has no field for notes' })
 * const { payload, warnings } = conversion.finish({ id: order.id })
 * payload // { id: '34452222' }
 * warnings.length // 1
 * ```
 */
export interface Conversion {
  /** Records what the platform cannot carry exactly. */
  warn(...warnings: readonly SyncWarning[]): void
  /**
   * Records what the platform refuses, at the canonical path; `code` defaults to the setup's
   * `ruleCode`. The conversion goes on, so that every problem is reported at once.
   */
  problem(path: readonly (string | number)[], message: string, code?: string): void
  /** Whether a problem was recorded: a step that depends on a refused value may stop early. */
  hasProblems(): boolean
  /** The warnings so far. */
  readonly warnings: readonly SyncWarning[]
  /**
   * Ends the conversion: the payload and every warning, or, when a problem was recorded, a
   * `ValidationError` naming the order and every problem.
   *
   * @throws {@link ValidationError} when a problem was recorded.
   */
  finish<Payload>(payload: Payload): {
    readonly payload: Payload
    readonly warnings: readonly SyncWarning[]
  }
}

/**
 * Opens the conversion of `order` for a platform: checks the order's and its lines'
 * `platformOptions.<platform>` against the platform's schemas first (a `ValidationError` at once if
 * they are wrong: nothing else can be trusted then), and returns the {@link Conversion} that
 * gathers warnings and problems. Every platform's converter opens and closes this way, so that
 * the order's errors read the same everywhere.
 *
 * @param order - A valid canonical order.
 * @param setup - The platform, its name, its rule code and its options schemas.
 * @returns The conversion.
 * @throws {@link ValidationError} when the order's `platformOptions.<platform>` break their schema.
 * @example
 * ```ts
 * import { z } from 'zod'
 *
 * const conversion = startConversion(parseOrder(youshuDocumentOrder), {
 *   platform: 'example',
 *   platformName: 'Example',
 *   ruleCode: 'example_rule',
 *   optionSchemas: { order: z.object({}) },
 * })
 * conversion.problem(['lines'], 'Example takes at most 1 line')
 * conversion.finish({}) // throws: order "34452222" for Example is invalid (1 problem): lines: Example takes at most 1 line
 * ```
 */
export function startConversion(order: Order, setup: ConversionSetup): Conversion {
  const subject = `order ${quoteValue(order.id)} for ${setup.platformName}`
  const optionIssues = checkPlatformOptions(order, setup.platform, setup.optionSchemas)
  if (optionIssues.length > 0) {
    throw new ValidationError({ platform: setup.platform, subject, issues: optionIssues })
  }
  const warnings: SyncWarning[] = []
  const issues: ValidationIssue[] = []
  return {
    warnings,
    warn: (...added) => {
      warnings.push(...added)
    },
    problem: (path, message, code = setup.ruleCode) => {
      issues.push({ path: [...path], message, code })
    },
    hasProblems: () => issues.length > 0,
    finish: (payload) => {
      if (issues.length > 0) {
        throw new ValidationError({ platform: setup.platform, subject, issues })
      }
      return { payload, warnings }
    },
  }
}
