import type { MappingResponse, MappingRow, PlatformInfo } from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { h } from './dom.ts'

const howLabels: Readonly<Record<MappingRow['how'], string>> = {
  traced: 'went to',
  same_value: 'same amount in',
  not_carried: 'not carried',
  not_traced: 'not traced',
}

function mappingRow(row: MappingRow): HTMLLIElement {
  return h(
    'li',
    { class: `mapping-row mapping-${row.how}`, 'data-path': row.path, 'data-how': row.how },
    h(
      'p',
      { class: 'mapping-from' },
      h('code', {}, row.path),
      ' ',
      h('span', { class: 'mapping-value' }, row.value),
      ' ',
      h(
        'span',
        { class: 'mapping-how' },
        `${row.destinations.length > 0 ? '→ ' : ''}${howLabels[row.how]}`,
      ),
    ),
    row.destinations.length === 0
      ? null
      : h(
          'ul',
          { class: 'mapping-to' },
          ...row.destinations.map((destination) =>
            h(
              'li',
              { 'data-destination': destination.path },
              h('code', {}, destination.path),
              ' = ',
              h('span', { class: 'mapping-value' }, destination.value),
            ),
          ),
        ),
    row.note === undefined ? null : h('p', { class: 'hint' }, row.note),
  )
}

function renderMapping(answer: MappingResponse): HTMLElement {
  if (answer.state === 'unavailable') return h('p', { class: 'state state-empty' }, answer.reason)
  const traced = answer.rows.filter((row) => row.destinations.length > 0).length
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'hint mapping-summary' },
      `${traced} of ${answer.rows.length} canonical values are in the payload. Found by changing each value alone and seeing which payload fields change (an amount, which cannot change alone, by the fields that hold it).`,
    ),
    h('ol', { class: 'mapping-list' }, ...answer.rows.map(mappingRow)),
  )
}

/**
 * A folded "canonical → payload" view: where each value of the order went in the platform's
 * payload, asked of the server the first time it is opened.
 *
 * @param platform - The platform, as the server lists it.
 * @param order - The order the preview is of.
 * @returns The view's `<details>`.
 */
export function mappingView(platform: PlatformInfo, order: unknown): HTMLDetailsElement {
  const body = h(
    'div',
    { class: 'mapping-body' },
    h('p', { class: 'state state-loading' }, 'Tracing…'),
  )
  const details = h(
    'details',
    { class: 'mapping' },
    h('summary', {}, 'Canonical → payload: where each value went'),
    body,
  )
  let asked = false
  details.addEventListener('toggle', async () => {
    if (!details.open || asked) return
    asked = true
    try {
      const answer = await callApi<MappingResponse>('POST', '/api/mapping', {
        platform: platform.id,
        order,
      })
      body.replaceChildren(renderMapping(answer))
    } catch (error) {
      asked = false
      body.replaceChildren(
        h('p', { class: 'state state-bad' }, `The demo server failed: ${(error as Error).message}`),
      )
    }
  })
  return details
}
