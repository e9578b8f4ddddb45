import type { Attributes } from '@opentelemetry/api'
import { SyncInterruptedError } from '../sync/sync-interrupted-error.ts'
import type { OrderSyncResult, SyncReport } from '../sync/sync-report.ts'
import { inSpan, type Telemetry } from './telemetry.ts'

/**
 * Runs a `syncOrders` run inside its span, `ordersync.sync`: the platform, then what the run
 * came to (orders read, succeeded, failed, uncertain, skipped, aborted). Every platform call of
 * the run is a child of it.
 */
export function traceRun(
  telemetry: Telemetry,
  platform: string,
  run: () => Promise<SyncReport>,
): Promise<SyncReport> {
  return inSpan(telemetry, 'ordersync.sync', { 'ordersync.platform': platform }, async (span) => {
    try {
      const report = await run()
      span.setAttributes(reportAttributes(report))
      return report
    } catch (error) {
      if (SyncInterruptedError.isInstance(error)) span.setAttributes(reportAttributes(error.report))
      span.setStatus({ code: telemetry.api.SpanStatusCode.ERROR, message: errorName(error) })
      throw error
    }
  })
}

function reportAttributes(report: SyncReport): Attributes {
  return {
    'ordersync.orders.read': report.read,
    'ordersync.orders.succeeded': report.succeeded,
    'ordersync.orders.failed': report.failed,
    'ordersync.orders.uncertain': report.uncertain,
    'ordersync.orders.skipped': report.skipped,
    'ordersync.aborted': report.aborted,
  }
}

/** Counts each result in `ordersync.orders`, by platform, outcome and (for a failure) delivery. */
export function countOrder(
  telemetry: Telemetry,
  platform: string,
): (result: OrderSyncResult) => void {
  return (result) => {
    telemetry.orders.add(1, {
      'ordersync.platform': platform,
      'ordersync.outcome': result.status,
      ...(result.status === 'failed' ? { 'ordersync.delivery': result.delivery } : {}),
    })
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'Error'
}
