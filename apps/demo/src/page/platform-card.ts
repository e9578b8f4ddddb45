import type { PlatformInfo, PlatformPreview, SyncResponse } from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { h, present } from './dom.ts'
import { faultSwitches } from './fault-switches.ts'
import { renderExchange } from './render-exchange.ts'
import { renderPreview } from './render-preview.ts'
import { renderStored, renderSyncResult } from './render-sync-result.ts'

/** What the page tells a card about the order in the editor. */
type CardOrderState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'no-order'; readonly reason: string }
  | { readonly kind: 'preview'; readonly preview: PlatformPreview }

/** One platform's card: its preview, fault switches, Sync, exchange and stored order. */
export interface PlatformCard {
  readonly platform: PlatformInfo
  readonly element: HTMLElement
  /** The card's badge: what the platform makes of the order. */
  badgeText(): string
  show(state: CardOrderState): void
  /** Why the order cannot be synced to this platform now, or undefined when it can. */
  syncOff(): string | undefined
  /** Syncs the order in the editor, as the card's Sync button does. */
  sync(): Promise<SyncResponse | undefined>
}

/** The card's header: the platform's name, its badge, how it authenticates and its docs. */
function cardHeader(platform: PlatformInfo, badge: HTMLElement): HTMLElement[] {
  const { guide, apiUrl } = platform.docs
  const link = (text: string, href: string, title: string) =>
    h('a', { href, target: '_blank', rel: 'noopener', title }, text)
  return [
    h(
      'header',
      { class: 'card-header' },
      h('h3', { id: `${platform.id}-title` }, platform.label),
      badge,
    ),
    h(
      'p',
      { class: 'hint card-meta' },
      `${platform.auth === 'token' ? 'Access token' : 'Signed requests'} · ${platform.syncEndpoint}`,
    ),
    h(
      'p',
      { class: 'card-links' },
      ...present(
        guide === undefined
          ? null
          : link(
              `Guide: ${guide.title}`,
              guide.url,
              `The platform guide (${guide.repositoryPath})`,
            ),
        link(
          `API: ${platform.packageName}`,
          apiUrl,
          `The API reference of ${platform.packageName}`,
        ),
      ),
    ),
  ]
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
  const syncOffLine = h('p', { class: 'hint sync-off', id: id('sync-off') })
  const syncButton = h(
    'button',
    {
      type: 'button',
      class: 'sync-button',
      id: id('sync'),
      disabled: true,
      'aria-describedby': id('sync-off'),
    },
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
  let syncOff: string | undefined = 'Loading…'
  let syncing = false
  const setSyncOff = (reason: string | undefined) => {
    syncOff = reason
    syncOffLine.textContent = reason ?? ''
    syncButton.disabled = syncing || reason !== undefined
  }
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

  const element = h(
    'article',
    { class: 'platform-card', 'data-platform': platform.id, 'aria-labelledby': id('title') },
    ...cardHeader(platform, badge),
    h('h4', {}, 'What the platform makes of the order'),
    preview,
    faultSwitches(platform),
    h('div', { class: 'sync-row' }, syncButton, syncOffLine),
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

  const sync = async (): Promise<SyncResponse | undefined> => {
    const order = currentOrder()
    if (order === undefined || syncOff !== undefined || syncing) return undefined
    syncedOrder = JSON.stringify(order)
    syncing = true
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
      result.replaceChildren(...renderSyncResult(answer))
      exchange.replaceChildren(
        renderExchange(answer.exchange, { tokenEndpoint: platform.tokenEndpoint }),
      )
      stored.replaceChildren(...renderStored(answer))
      return answer
    } catch (error) {
      result.replaceChildren(
        h(
          'p',
          { class: 'state state-bad', role: 'alert' },
          `The demo server failed: ${(error as Error).message}`,
        ),
      )
      return undefined
    } finally {
      syncing = false
      element.removeAttribute('aria-busy')
      syncButton.textContent = `Sync to ${platform.label}`
      setSyncOff(syncOff)
    }
  }
  syncButton.addEventListener('click', () => void sync())

  return {
    platform,
    element,
    badgeText: () => badge.textContent ?? '',
    syncOff: () => syncOff,
    sync,
    show(state) {
      if (syncedOrder !== undefined && syncedOrder !== JSON.stringify(currentOrder())) {
        clearSync('The order changed since the last sync.')
      }
      if (state.kind === 'loading') {
        setBadge('Checking…', 'busy')
        setSyncOff('Checking the order…')
        return
      }
      if (state.kind === 'no-order') {
        setBadge('No valid order', 'neutral')
        preview.replaceChildren(h('p', { class: 'state state-empty' }, state.reason))
        setSyncOff('Sync is off: the editor holds no valid order.')
        return
      }
      const rendered = renderPreview(platform, state.preview, currentOrder())
      setBadge(rendered.badge.text, rendered.badge.tone)
      preview.replaceChildren(...rendered.nodes)
      setSyncOff(rendered.syncOff)
    },
  }
}
