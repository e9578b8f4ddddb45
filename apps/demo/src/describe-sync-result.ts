import type { OrderSyncResult } from '@ordersync/core'
import type { ResultField, SyncResultView, SyncState } from './demo-api-types.ts'
import { issuesOf, warningsOf } from './path-issues.ts'

const upsert = 'Syncing it again is safe: every sync endpoint is an upsert.'

/** The badge and the summary of each state: one wording, so that they never disagree. */
function wordsOf(state: SyncState, label: string): { badge: string; summary: string } {
  switch (state) {
    case 'synced':
      return { badge: 'Synced', summary: `${label} stored the order.` }
    case 'accepted_for_processing':
      return {
        badge: 'Synced · accepted for processing',
        summary: `${label} accepted the order for processing: it answered “accepted” (Alipay+’s resultStatus A) rather than “stored” (S).`,
      }
    case 'not_sent':
      return {
        badge: 'Not sent',
        summary: `Nothing was sent: ${label} does not hold this version of the order.`,
      }
    case 'rejected':
      return {
        badge: 'Rejected',
        summary: `${label} does not hold this version of the order: the sync failed before it was stored.`,
      }
    case 'uncertain':
      return {
        badge: 'Uncertain',
        summary: `${label} may have stored the order: no answer said whether it did. ${upsert}`,
      }
    case 'partial':
      return {
        badge: 'Partly stored',
        summary: `${label} may have stored part of the order: a call of the sync was stored, a later one failed. ${upsert}`,
      }
    case 'not_reportable_yet':
      return {
        badge: 'Not reportable yet',
        summary: `Nothing was sent: ${label} cannot take this order yet (the reason is below). Sync it again once that has changed.`,
      }
    case 'skipped':
      return { badge: 'Skipped', summary: 'Nothing was sent: the SDK skipped the order.' }
  }
}

const deliveryMeanings: Readonly<Record<string, string>> = {
  not_sent: 'nothing was sent',
  rejected: 'the platform does not hold this version',
  uncertain: 'the platform may hold the order',
  partial: 'a call of the sync was stored, a later one failed',
}

/** The SDK result's fields the state comes from, each with what its value means. */
function fieldsOf(result: OrderSyncResult): ResultField[] {
  const status = { name: 'status', value: result.status }
  if (result.status === 'succeeded') {
    return [
      { ...status, meaning: 'the platform answered with a success' },
      {
        name: 'accepted',
        value: String(result.accepted),
        meaning: result.accepted
          ? 'taken for later processing (Alipay+’s resultStatus A), not stored at once'
          : 'stored at once; true would mean only taken for later processing (Alipay+’s resultStatus A rather than S)',
      },
    ]
  }
  if (result.status === 'skipped') {
    return [
      { ...status, meaning: 'read but never sent' },
      { name: 'reason', value: result.reason, meaning: 'why the SDK did not send it' },
    ]
  }
  return [
    { ...status, meaning: 'the order is not synced' },
    {
      name: 'delivery',
      value: result.delivery,
      meaning: deliveryMeanings[result.delivery] ?? 'what the failure means for the platform',
    },
  ]
}

/** The state of a result, from its `status`, `accepted` and `delivery` alone. */
function stateOf(result: OrderSyncResult, notReportableYet: boolean): SyncState {
  if (result.status === 'succeeded') {
    return result.accepted ? 'accepted_for_processing' : 'synced'
  }
  if (result.status === 'skipped') return 'skipped'
  return notReportableYet ? 'not_reportable_yet' : result.delivery
}

/**
 * What the page shows of one sync's result: one state derived from the SDK's `status`,
 * `accepted` and `delivery`, whose badge, summary and failure line agree — "may have stored" is
 * said for an `uncertain` or `partial` delivery only, and a failure's SDK message is shown once,
 * as the failure line, unless its canonical paths say it (then they are the failure line).
 *
 * @param label - The platform's name for people.
 * @param result - The SDK's result of the order.
 * @param notReportableYet - Whether the platform's descriptor reads the failure as "not yet".
 * @returns The result as the page shows it.
 */
export function describeSyncResult(
  label: string,
  result: OrderSyncResult,
  notReportableYet: boolean,
): SyncResultView {
  const state = stateOf(result, notReportableYet)
  const base = {
    status: result.status,
    state,
    ...wordsOf(state, label),
    fields: fieldsOf(result),
    warnings: warningsOf(result.warnings),
  }
  if (result.status === 'succeeded') {
    return { ...base, platformIds: result.platformIds, errors: [] }
  }
  if (result.status === 'skipped') return { ...base, platformIds: {}, errors: [] }
  const errors = issuesOf(result.error)
  const failure =
    errors.length > 0 || state === 'not_reportable_yet' ? {} : { failure: result.error.message }
  return { ...base, delivery: result.delivery, ...failure, platformIds: {}, errors }
}
