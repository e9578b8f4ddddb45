/**
 * A ledger file that cannot be used: unreadable, not an ordersync ledger, written by a newer
 * version, or locked by another process for too long. Its message is one line that names the file
 * and says what to do.
 *
 * @example
 * ```ts
 * import { LedgerError, openLedger } from '@ordersync/cli'
 *
 * try {
 *   openLedger({ path: 'missing-ledger.sqlite', readOnly: true })
 * } catch (error) {
 *   if (error instanceof LedgerError) console.error(error.message, error.path)
 * }
 * ```
 */
export class LedgerError extends Error {
  /** The ledger file. */
  readonly path: string

  /**
   * @param message - What is wrong and what to do, in one line.
   * @param path - The ledger file.
   * @param options - The error that caused it.
   */
  constructor(message: string, path: string, options: { readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'LedgerError'
    this.path = path
  }
}
