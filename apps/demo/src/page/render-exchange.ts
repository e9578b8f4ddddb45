import type { ExchangeEntry } from '../demo-api-types.ts'
import { copyButton } from './copy-button.ts'
import { h, prettyBody } from './dom.ts'

function headerLines(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  return lines.length === 0 ? '(no headers)' : lines.join('\n')
}

/** What the log knows of the platform: its token endpoint, to mark the token requests. */
interface ExchangeContext {
  readonly tokenEndpoint?: string | undefined
}

function renderEntry(entry: ExchangeEntry, context: ExchangeContext): HTMLLIElement {
  const isToken = 'endpoint' in entry && entry.endpoint === context.tokenEndpoint
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
        {
          class: `exchange-entry exchange-request${isToken ? ' exchange-token' : ''}`,
          'data-kind': 'request',
          'data-endpoint': entry.endpoint,
        },
        h(
          'p',
          { class: 'exchange-line' },
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '→ '),
          isToken ? h('strong', {}, 'Access token request: ') : null,
          `${entry.method} ${entry.url}`,
          h('span', { class: 'attempt' }, ` · attempt ${entry.attempt}`),
        ),
        h(
          'details',
          {},
          h('summary', {}, 'Headers and body'),
          copyButton(
            `the request of attempt ${entry.attempt} to ${entry.endpoint}`,
            () =>
              `${entry.method} ${entry.url}\n${headerLines(entry.headers)}\n\n${prettyBody(entry.body)}`,
          ),
          h('pre', { class: 'exchange-headers' }, headerLines(entry.headers)),
          h('pre', { class: 'exchange-body' }, prettyBody(entry.body)),
        ),
      )
    case 'response':
      return h(
        'li',
        {
          class: `exchange-entry exchange-response outcome-${entry.outcome}${isToken ? ' exchange-token' : ''}`,
          'data-kind': 'response',
          'data-endpoint': entry.endpoint,
          'data-outcome': entry.outcome,
        },
        h(
          'p',
          { class: 'exchange-line' },
          h('span', { class: 'arrow', 'aria-hidden': 'true' }, '← '),
          isToken ? h('strong', {}, 'New access token: ') : null,
          `HTTP ${entry.status} · ${entry.outcome}`,
          h('span', { class: 'attempt' }, ` · attempt ${entry.attempt}, ${entry.durationMs} ms`),
        ),
        entry.outcome === 'token_invalid'
          ? h(
              'p',
              { class: 'hint' },
              'The platform rejected the access token: the client expires it, fetches a new one and replays the call once.',
            )
          : null,
        h(
          'details',
          {},
          h('summary', {}, 'Body'),
          copyButton(`the answer of attempt ${entry.attempt} to ${entry.endpoint}`, () =>
            prettyBody(entry.body),
          ),
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
        h('p', { class: 'exchange-line' }, `Call failed: ${entry.message}`),
      )
  }
}

/**
 * The HTTP exchange of one sync, in the order the hooks reported it; requests to the platform's
 * token endpoint are marked as such.
 */
export function renderExchange(
  exchange: readonly ExchangeEntry[],
  context: ExchangeContext = {},
): HTMLElement {
  if (exchange.length === 0) {
    return h(
      'p',
      { class: 'state state-empty' },
      'Nothing was sent: the SDK stopped before the wire.',
    )
  }
  return h(
    'div',
    {},
    copyButton('the whole exchange (JSON)', () => JSON.stringify(exchange, null, 2)),
    h('ol', { class: 'exchange-log' }, ...exchange.map((entry) => renderEntry(entry, context))),
  )
}
