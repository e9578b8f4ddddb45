import type {
  FaultId,
  PathIssue,
  PlatformInfo,
  PlatformPreview,
  SyncResponse,
} from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { h, present, prettyJson } from './dom.ts'
import { renderExchange } from './render-exchange.ts'

/** What the page tells a card about the order in the editor. */
type CardOrderState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-order'; readonly reason: string }
  | { readonly kind: 'preview'; readonly preview: PlatformPreview }

/** One platform's card: its preview, fault switches, Sync, exchange and stored order. */
export interface PlatformCard {
  readonly element: HTMLElement
  show(state: CardOrderState): void
}

function issueList(issues: readonly PathIssue[], className: string): HTMLUListElement {
  return h(
    'ul',
    { class: `issue-list ${className}` },
    ...issues.map((issue) =>
      h(
        'li',
        { 'data-path': issue.path },
        h('code', { class: 'issue-path' }, issue.path),
        ` ${issue.message}`,
      ),
    ),
  )
}

/**
 * Creates a platform's card.
 *
 * @param platform - The platform, as the server lists it.
 * @param currentOrder - The order in the editor, or `undefined` while it is not JSON.
 */
export function createPlatformCard(
  platform: PlatformInfo,
  currentOrder: () => unknown,
): PlatformCard {
  const id = (part: string) => `${platform.id}-${part}`
  const badge = h('span', { class: 'badge badge-neutral', id: id('state') }, 'Waiting')
  const preview = h('div', { class: 'preview', id: id('preview') })
  const syncButton = h(
    'button',
    { type: 'button', class: 'sync-button', id: id('sync'), disabled: true },
    `Sync to ${platform.label}`,
  )
  const result = h('div', {
    class: 'sync-result',
    id: id('result'),
    role: 'status',
    'aria-live': 'polite',
  })
  const exchange = h('div', { class: 'exchange', id: id('exchange') })
  const stored = h('div', { class: 'stored', id: id('stored') })
  // The order the shown sync was for: when the editor's order differs, the sync's panels empty,
  // so that an exchange is never shown beside an order it was not for.
  let syncedOrder: string | undefined
  const clearSync = (why: string) => {
    syncedOrder = undefined
    result.replaceChildren()
    exchange.replaceChildren(
      h('p', { class: 'state state-empty' }, `${why} Press Sync to see the exchange.`),
    )
    stored.replaceChildren(
      h('p', { class: 'state state-empty' }, `${why} Press Sync to see what the sandbox stores.`),
    )
  }
  clearSync('No sync yet.')
  const clearIfChanged = () => {
    if (syncedOrder !== undefined && syncedOrder !== JSON.stringify(currentOrder())) {
      clearSync('The order changed since the last sync.')
    }
  }
  const faultStatus = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite' })
  const active = new Set<FaultId>(platform.activeFaults)

  const faultSwitches = platform.faults.map((fault) => {
    const inputId = id(`fault-${fault.id}`)
    const input = h('input', {
      type: 'checkbox',
      id: inputId,
      'data-fault': fault.id,
      checked: active.has(fault.id),
      disabled: fault.unavailable !== undefined,
      'aria-describedby': `${inputId}-hint`,
    })
    input.addEventListener('change', async () => {
      const wanted = new Set(active)
      if (input.checked) wanted.add(fault.id)
      else wanted.delete(fault.id)
      input.disabled = true
      try {
        const answer = await callApi<{ activeFaults: FaultId[] }>(
          'PUT',
          `/api/faults/${platform.id}`,
          { faults: [...wanted] },
        )
        active.clear()
        for (const item of answer.activeFaults) active.add(item)
        faultStatus.textContent =
          active.size === 0
            ? 'No fault: the next sync goes through untouched.'
            : `On for every sync: ${[...active].join(', ')}.`
      } catch (error) {
        input.checked = active.has(fault.id)
        faultStatus.textContent = `Could not switch the fault: ${(error as Error).message}`
      } finally {
        input.disabled = false
      }
    })
    return h(
      'div',
      { class: 'fault-switch' },
      input,
      h('label', { for: inputId }, fault.label),
      h('p', { class: 'hint', id: `${inputId}-hint` }, fault.unavailable ?? fault.description),
    )
  })

  const element = h(
    'article',
    {
      class: 'platform-card',
      'data-platform': platform.id,
      'aria-labelledby': id('title'),
    },
    h('header', { class: 'card-header' }, h('h3', { id: id('title') }, platform.label), badge),
    h(
      'p',
      { class: 'hint' },
      `${platform.auth === 'token' ? 'Access token' : 'Signed requests'} · ${platform.syncEndpoint}`,
    ),
    h('h4', {}, 'What the platform makes of the order'),
    preview,
    h(
      'fieldset',
      { class: 'faults' },
      h('legend', {}, 'Fault switches (sandbox control API, applied to each sync)'),
      ...faultSwitches,
      faultStatus,
    ),
    syncButton,
    result,
    h('h4', {}, 'HTTP exchange'),
    exchange,
    h('h4', {}, 'Stored in the sandbox'),
    stored,
  )

  const setBadge = (text: string, tone: 'neutral' | 'ok' | 'bad' | 'busy' | 'wait') => {
    badge.textContent = text
    badge.className = `badge badge-${tone}`
  }

  syncButton.addEventListener('click', async () => {
    const order = currentOrder()
    if (order === undefined) return
    syncedOrder = JSON.stringify(order)
    syncButton.disabled = true
    syncButton.textContent = 'Syncing…'
    element.setAttribute('aria-busy', 'true')
    result.replaceChildren(
      h('p', { class: 'state state-loading' }, `Sending to ${platform.label}…`),
    )
    try {
      const answer = await callApi<SyncResponse>('POST', '/api/sync', {
        platform: platform.id,
        order,
      })
      const outcome = answer.result
      const tone =
        outcome.status === 'succeeded'
          ? 'ok'
          : outcome.status === 'not_reportable_yet'
            ? 'wait'
            : 'bad'
      result.replaceChildren(
        ...present(
          h(
            'p',
            { class: `state state-${tone}`, 'data-status': outcome.status },
            outcome.status === 'succeeded'
              ? `Synced ${answer.orderId ?? ''}: ${outcome.message}.`
              : outcome.status === 'not_reportable_yet'
                ? `Not reportable yet, nothing sent: ${platform.label} takes only finished orders. ${outcome.message}`
                : `Not synced${outcome.delivery === undefined ? '' : ` (${outcome.delivery})`}: ${outcome.message}`,
          ),
          Object.keys(outcome.platformIds).length > 0
            ? h('p', { class: 'hint' }, `Platform ids: ${prettyJson(outcome.platformIds)}`)
            : null,
          // A "not yet" carries its one reason in the message already.
          outcome.errors.length > 0 && outcome.status !== 'not_reportable_yet'
            ? issueList(outcome.errors, 'issue-errors')
            : null,
        ),
      )
      exchange.replaceChildren(
        renderExchange(answer.exchange, { tokenEndpoint: platform.tokenEndpoint }),
      )
      stored.replaceChildren(
        answer.stored === null
          ? h('p', { class: 'state state-empty' }, 'The sandbox holds no order under this id.')
          : h('pre', { class: 'stored-order', tabindex: '0' }, prettyJson(answer.stored)),
      )
    } catch (error) {
      result.replaceChildren(
        h(
          'p',
          { class: 'state state-bad', role: 'alert' },
          `The demo server failed: ${(error as Error).message}`,
        ),
      )
    } finally {
      element.removeAttribute('aria-busy')
      syncButton.textContent = `Sync to ${platform.label}`
      syncButton.disabled = currentOrder() === undefined
    }
  })

  return {
    element,
    show(state) {
      clearIfChanged()
      if (state.kind === 'loading') {
        setBadge('Checking…', 'busy')
        return
      }
      if (state.kind === 'no-order') {
        setBadge('No valid order', 'neutral')
        preview.replaceChildren(h('p', { class: 'state state-empty' }, state.reason))
        syncButton.disabled = currentOrder() === undefined
        return
      }
      syncButton.disabled = false
      const view = state.preview
      if (view.state === 'not_reportable_yet') {
        setBadge('Not reportable yet', 'wait')
        preview.replaceChildren(
          h(
            'p',
            { class: 'state state-wait' },
            `${platform.label} takes only finished orders (completed or cancelled): this one is still open, so nothing is sent now. Sync it again once it is finished.`,
          ),
          ...present(view.errors.length > 0 ? issueList(view.errors, 'issue-errors') : null),
        )
        return
      }
      if (view.state === 'refused') {
        setBadge('Refuses this order', 'bad')
        preview.replaceChildren(
          ...present(
            h('p', { class: 'state state-bad' }, view.message),
            view.errors.length > 0 ? issueList(view.errors, 'issue-errors') : null,
          ),
        )
        return
      }
      setBadge(
        view.warnings.length === 0 ? 'Ready' : `Ready · ${view.warnings.length} warnings`,
        'ok',
      )
      preview.replaceChildren(
        h(
          'dl',
          { class: 'key-fields' },
          ...view.keyFields.flatMap((field) => [
            h('dt', {}, h('code', {}, field.path)),
            h('dd', { 'data-field': field.path }, field.value),
          ]),
        ),
        view.warnings.length === 0
          ? h(
              'p',
              { class: 'hint' },
              'No warnings: the platform carries every field of this order.',
            )
          : h(
              'details',
              { class: 'warnings' },
              h(
                'summary',
                {},
                `Warnings (${view.warnings.length}): what the platform cannot carry`,
              ),
              issueList(view.warnings, 'issue-warnings'),
            ),
        h(
          'details',
          { class: 'payload' },
          h('summary', {}, 'The whole payload'),
          h('pre', { class: 'payload-json', tabindex: '0' }, prettyJson(view.payload)),
        ),
      )
    },
  }
}
