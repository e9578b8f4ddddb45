import type { OrderStatus, SyncWarning } from '@ordersync/core'
import { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'
import type { WixtarOrderState } from './wixtar-order-schema.ts'

/**
 * How each canonical status reaches Wixtar's `current_state`, which has two values only
 * (COMPLETED, CANCELLED: the upload is for finished orders):
 * - `exact` — the same state;
 * - `folded` — a finished order that Wixtar can only call CANCELLED (a warning says so);
 * - `not_reportable` — still open: nothing is sent, the order fails with
 *   {@link WixtarNotReportableError} until it is finished.
 *
 * @example
 * ```ts
 * wixtarStatusTable.refunded // { state: 'CANCELLED', fidelity: 'folded' }
 * wixtarStatusTable.paid // { fidelity: 'not_reportable' }
 * ```
 */
export const wixtarStatusTable: Readonly<
  Record<
    OrderStatus,
    | { readonly state: WixtarOrderState; readonly fidelity: 'exact' | 'folded' }
    | { readonly fidelity: 'not_reportable' }
  >
> = {
  created: { fidelity: 'not_reportable' },
  awaiting_payment: { fidelity: 'not_reportable' },
  payment_failed: { fidelity: 'not_reportable' },
  paid: { fidelity: 'not_reportable' },
  pending_acceptance: { fidelity: 'not_reportable' },
  accepted: { fidelity: 'not_reportable' },
  preparing: { fidelity: 'not_reportable' },
  ready: { fidelity: 'not_reportable' },
  shipped: { fidelity: 'not_reportable' },
  delivered: { fidelity: 'not_reportable' },
  // A refund may still end in completed (the refund is turned down): not final either.
  refunding: { fidelity: 'not_reportable' },
  completed: { state: 'COMPLETED', fidelity: 'exact' },
  cancelled_before_payment: { state: 'CANCELLED', fidelity: 'exact' },
  cancelled_after_payment: { state: 'CANCELLED', fidelity: 'exact' },
  rejected: { state: 'CANCELLED', fidelity: 'folded' },
  refunded: { state: 'CANCELLED', fidelity: 'folded' },
  voided: { state: 'CANCELLED', fidelity: 'folded' },
}

/**
 * The Wixtar `current_state` of a canonical status.
 *
 * @param status - The order's canonical status.
 * @returns The state, with a `status_folded` warning for rejected, refunded and voided orders.
 * @throws {@link WixtarNotReportableError} for an order that is not finished yet.
 * @example
 * ```ts
 * mapWixtarStatus('completed') // { state: 'COMPLETED', warnings: [] }
 * mapWixtarStatus('refunded').warnings[0]?.code // 'status_folded'
 * mapWixtarStatus('paid') // throws WixtarNotReportableError
 * ```
 */
export function mapWixtarStatus(status: OrderStatus): {
  readonly state: WixtarOrderState
  readonly warnings: readonly SyncWarning[]
} {
  const entry = wixtarStatusTable[status]
  if (entry.fidelity === 'not_reportable') throw new WixtarNotReportableError(status)
  if (entry.fidelity === 'exact') return { state: entry.state, warnings: [] }
  return {
    state: entry.state,
    warnings: [
      {
        path: ['status'],
        code: 'status_folded',
        message: `Wixtar has only COMPLETED and CANCELLED: ${status} is reported as ${entry.state}`,
      },
    ],
  }
}
