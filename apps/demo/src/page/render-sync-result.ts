import type { SyncResponse, SyncState } from '../demo-api-types.ts'
import { copyableBlock } from './copy-button.ts'
import { h, present, prettyJson } from './dom.ts'
import { issueList } from './render-preview.ts'

/** The colour of each state: stored, maybe stored, not stored, not yet. */
const toneOf: Readonly<Record<SyncState, 'ok' | 'busy' | 'bad' | 'wait'>> = {
  synced: 'ok',
  accepted_for_processing: 'ok',
  uncertain: 'busy',
  partial: 'busy',
  not_sent: 'bad',
  rejected: 'bad',
  not_reportable_yet: 'wait',
  skipped: 'wait',
}

/**
 * A sync's result: its one state (badge and summary, derived by the server from the SDK's
 * `status`, `accepted` and `delivery`), the failure line, the SDK result's fields with their
 * meaning, and the platform's ids.
 *
 * @param answer - The server's answer to the sync.
 * @returns The result's nodes.
 */
export function renderSyncResult(answer: SyncResponse): Node[] {
  const { result } = answer
  return present(
    h(
      'p',
      {
        class: `result-line state state-${toneOf[result.state]}`,
        'data-status': result.status,
        'data-state': result.state,
      },
      h('span', { class: `badge result-badge badge-${toneOf[result.state]}` }, result.badge),
      ' ',
      h('span', { class: 'result-summary' }, result.summary),
    ),
    result.failure === undefined
      ? null
      : h('p', { class: 'failure-line' }, h('strong', {}, 'Why: '), result.failure),
    result.errors.length > 0 ? issueList(result.errors, 'issue-errors') : null,
    h(
      'dl',
      { class: 'result-fields' },
      ...result.fields.flatMap((field) => [
        h('dt', {}, h('code', {}, `result.${field.name}`)),
        h('dd', { 'data-field': field.name }, h('code', {}, field.value), ` — ${field.meaning}`),
      ]),
    ),
    Object.keys(result.platformIds).length > 0
      ? h('p', { class: 'hint' }, `Platform ids: ${prettyJson(result.platformIds)}`)
      : null,
  )
}

/** What the sandbox holds after a sync, said for what the sync's state means. */
export function renderStored(answer: SyncResponse): Node[] {
  if (answer.stored === null) {
    return [h('p', { class: 'state state-empty' }, 'The sandbox holds no order under this id.')]
  }
  const state = answer.result.state
  const lead =
    state === 'synced' || state === 'accepted_for_processing'
      ? 'What the sandbox stored:'
      : state === 'uncertain' || state === 'partial'
        ? 'What the sandbox holds under this id now:'
        : 'This sync stored nothing; the sandbox still holds an earlier sync of this order:'
  return [
    h('p', { class: 'hint stored-lead' }, lead),
    copyableBlock('the stored order', prettyJson(answer.stored), 'stored-order'),
  ]
}
