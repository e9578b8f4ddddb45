import { OrderSyncError, type OrderSyncErrorOptions } from '../errors/order-sync-error.ts'
import type { SyncReport } from './sync-report.ts'

const marker = 'ordersync.error.sync-interrupted'

/**
 * Options of {@link SyncInterruptedError}.
 *
 * @example
 * ```ts
 * new SyncInterruptedError({ platform: 'youshu', source: 'the order source', report, cause })
 * ```
 */
export interface SyncInterruptedErrorOptions extends OrderSyncErrorOptions {
  /** What threw: `the order source`, `onResult or onProgress`. */
  readonly source: string
  /** The report of the run up to the interruption. */
  readonly report: SyncReport
}

/**
 * A `syncOrders` run that ended early because the order source, `onResult` or `onProgress` threw.
 * Nothing new was read after it; the batches in flight settled; {@link SyncInterruptedError.report}
 * holds every result so far (orders read but not sent are `skipped`, reason `interrupted`), so no
 * result of an order already sent is lost. The original error is the `cause`.
 *
 * @example
 * ```ts
 * import { SyncInterruptedError, syncOrders } from '@ordersync/core'
 *
 * try {
 *   await syncOrders({ platform, orders: readOrdersFromDatabase() })
 * } catch (error) {
 *   if (SyncInterruptedError.isInstance(error)) console.error(error.report.succeeded, error.cause)
 * }
 * ```
 */
export class SyncInterruptedError extends OrderSyncError {
  /** The report up to the interruption. */
  readonly report: SyncReport

  /** @param options - What threw, the report so far and the cause. */
  constructor(options: SyncInterruptedErrorOptions) {
    const { report } = options
    let reason: string
    try {
      reason = options.cause instanceof Error ? options.cause.message : String(options.cause)
    } catch {
      reason = 'an error that cannot be read'
    }
    super(
      `the run stopped because ${options.source} threw (${reason.length > 200 ? `${reason.slice(0, 200)}…` : reason}); ${report.succeeded} orders succeeded, ${report.failed} failed (${report.uncertain} maybe stored) and ${report.skipped} were not sent — the report on this error has every result`,
      options,
    )
    this.name = 'SyncInterruptedError'
    Object.defineProperty(this, Symbol.for(marker), { value: true })
    this.report = report
  }

  /**
   * Whether `value` is a {@link SyncInterruptedError} from any copy of `@ordersync/core`.
   *
   * @param value - Anything, typically a caught error.
   * @returns `true` for an interrupted run.
   * @example
   * ```ts
   * SyncInterruptedError.isInstance(new Error('x')) // false
   * ```
   */
  static override isInstance(value: unknown): value is SyncInterruptedError {
    return OrderSyncError.hasMarker(value, marker)
  }
}
