import type { ExchangeEntry } from '../demo-api-types.ts'
import { h, prettyBody } from './dom.ts'

function headerLines(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return lines.length === 0 ? '(no headers)' : lines.join('\n')
}

function renderEntry(entry: ExchangeEntry): HTMLLIElement {
  switch (entry.kind) {
    case 'fault':
      return h(
        'li',
        { class: 'exchange-entry exchange-fault', 'data-kind': 'fault' },
        h('p', { class: 'exchange-line' }, `Fault switched on: ${entry.fault}`),
        h('p', { class: 'hint' }, entry.description),
      )
    case 'request':
      return h(
        'li',
        { class: 'exchange-entry exchange-request', 'data-kind': 'request' },
        h(
          'p',
          { class: 'exchange-line' },
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→ '),
          `${entry.method} ${entry.url}`,
          h('span', { class: 'attempt' }, ` · attempt ${entry.attempt}`),
        ),
        h(
          'details',
          {},
          h('summary', {}, 'Headers and body'),
          h('pre', { class: 'exchange-headers' }, headerLines(entry.headers)),
          h('pre', { class: 'exchange-body' }, prettyBody(entry.body)),
        ),
      )
    case 'response':
      return h(
        'li',
        {
          class: `exchange-entry exchange-response outcome-${entry.outcome}`,
          'data-kind': 'response',
        },
        h(
          'p',
          { class: 'exchange-line' },
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '← '),
          `HTTP ${entry.status} · ${entry.outcome}`,
          h('span', { class: 'attempt' }, ` · attempt ${entry.attempt}, ${entry.durationMs} ms`),
        ),
        h(
          'details',
          {},
          h('summary', {}, 'Body'),
          h('pre', { class: 'exchange-body' }, prettyBody(entry.body)),
        ),
      )
    case 'retry':
      return h(
        'li',
        { class: 'exchange-entry exchange-retry', 'data-kind': 'retry' },
        h(
          'p',
          { class: 'exchange-line' },
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '↻ '),
          `Retry after attempt ${entry.attempt}, waiting ${entry.delayMs} ms: ${entry.reason}`,
        ),
      )
    case 'error':
      return h(
        'li',
        { class: 'exchange-entry exchange-error', 'data-kind': 'error' },
        h('p', { class: 'exchange-line' }, `Failed: ${entry.message}`),
      )
  }
}

/** The HTTP exchange of one sync, in the order the hooks reported it. */
export function renderExchange(exchange: readonly ExchangeEntry[]): HTMLElement {
  if (exchange.length === 0) {
    return h(
      'p',
      { class: 'state state-empty' },
      'Nothing was sent: the SDK stopped before the wire.',
    )
  }
  return h('ol', { class: 'exchange-log' }, ...exchange.map(renderEntry))
}
