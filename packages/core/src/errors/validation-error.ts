import { OrderSyncError, type OrderSyncErrorOptions } from './order-sync-error.ts'

const marker = 'ordersync.error.validation'

/**
 * One problem found in a value, at a path inside it.
 *
 * @example
 * ```ts
 * const issue: ValidationIssue = { path: ['payableAmount'], message: 'is 110.00 CNY but …', code: 'charges_identity' }
 * ```
 */
export interface ValidationIssue {
  /** Where the problem is, from the root of the value: `['lines', 0, 'quantity']`. */
  readonly path: readonly (string | number)[]
  /** What is wrong there, without repeating sensitive values. */
  readonly message: string
  /** A stable machine-readable kind, e.g. `invalid_type`, `currency_mismatch`, `charges_identity`. */
  readonly code: string
}

/**
 * Options of {@link ValidationError}.
 *
 * @example
 * ```ts
 * new ValidationError({ subject: 'order', issues: [{ path: ['lines', 0, 'quantity'], message: 'must be positive', code: 'too_small' }] })
 * ```
 */
export interface ValidationErrorOptions extends OrderSyncErrorOptions {
  /** What was validated, e.g. `order` or `youshu add_order request`. */
  readonly subject: string
  /** Every problem found; never empty. */
  readonly issues: readonly ValidationIssue[]
}

/**
 * Formats a path as `lines[0].unitPrice.amount`.
 *
 * @param path - The segments of the path.
 * @returns The dotted form, or `(root)` for an empty path.
 * @example
 * ```ts
 * formatIssuePath(['lines', 0, 'quantity']) // 'lines[0].quantity'
 * ```
 */
export function formatIssuePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(root)'
  let text = ''
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`
  }
  return text
}

/**
 * A value that failed validation: the canonical order, or a platform request. It lists every
 * problem at once, each with its path, never just the first.
 *
 * @example
 * ```ts
 * import { ValidationError, parseOrder } from '@ordersync/core'
 *
 * try {
 *   parseOrder({})
 * } catch (error) {
 *   if (ValidationError.isInstance(error)) {
 *     for (const issue of error.issues) console.log(issue.path.join('.'), issue.message)
 *   }
 * }
 * ```
 */
export class ValidationError extends OrderSyncError {
  /** What was validated. */
  readonly subject: string
  /** Every problem found, each with its path. */
  readonly issues: readonly ValidationIssue[]

  /** @param options - The subject, the issues, the platform and the cause. */
  constructor(options: ValidationErrorOptions) {
    const count = options.issues.length
    const lines = options.issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    super(
      `${options.subject} is invalid (${count} ${count === 1 ? 'problem' : 'problems'}): ${lines.join('; ')}`,
      options,
    )
    this.name = 'ValidationError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.subject = options.subject
    this.issues = options.issues
  }

  /**
   * Whether `value` is a {@link ValidationError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for a validation error.
   * @example
   * ```ts
   * ValidationError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is ValidationError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
