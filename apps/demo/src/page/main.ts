import type { BootstrapResponse, PathIssue, PreviewResponse } from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { setUpBatchPanel } from './batch-panel.ts'
import { byId, h, prettyJson } from './dom.ts'
import { createPlatformCard, type PlatformCard } from './platform-card.ts'

// The page: pick or edit an order; every platform's card previews it as the text changes.
const validateAfterMs = 250

const sampleSelect = byId<HTMLSelectElement>('sample-select')
const sampleDescription = byId<HTMLParagraphElement>('sample-description')
const editor = byId<HTMLTextAreaElement>('order-editor')
const validation = byId<HTMLDivElement>('order-validation')
const cardsContainer = byId<HTMLDivElement>('platform-cards')

let parsedOrder: unknown
let previewRequest = 0
let timer: ReturnType<typeof setTimeout> | undefined
let cards: PlatformCard[] = []

function showIssues(title: string, issues: readonly PathIssue[]): void {
  validation.replaceChildren(
    h('p', { class: 'state state-bad' }, title),
    h(
      'ul',
      { class: 'issue-list issue-errors', id: 'order-issues' },
      ...issues.map((issue) =>
        h(
          'li',
          { 'data-path': issue.path },
          h('code', { class: 'issue-path' }, issue.path),
          ` ${issue.message}`,
          h('span', { class: 'issue-code' }, ` [${issue.code}]`),
        ),
      ),
    ),
  )
}

async function checkOrder(): Promise<void> {
  const request = ++previewRequest
  try {
    parsedOrder = JSON.parse(editor.value)
  } catch (error) {
    parsedOrder = undefined
    validation.replaceChildren(
      h('p', { class: 'state state-bad' }, `Not JSON yet: ${(error as Error).message}`),
    )
    for (const card of cards)
      card.show({ kind: 'no-order', reason: 'The editor does not hold JSON.' })
    return
  }
  validation.replaceChildren(h('p', { class: 'state state-loading' }, 'Checking the order…'))
  for (const card of cards) card.show({ kind: 'loading' })
  try {
    const answer = await callApi<PreviewResponse>('POST', '/api/preview', { order: parsedOrder })
    if (request !== previewRequest) return
    if (!answer.valid) {
      const count = answer.issues.length
      showIssues(
        `Not a valid canonical order: ${count} ${count === 1 ? 'problem' : 'problems'}`,
        answer.issues,
      )
      for (const card of cards) {
        card.show({
          kind: 'no-order',
          reason: 'Fix the order first: see the problems beside the editor.',
        })
      }
      return
    }
    validation.replaceChildren(
      h('p', { class: 'state state-ok', id: 'order-valid' }, 'A valid canonical order.'),
    )
    for (const [index, card] of cards.entries()) {
      const preview = answer.platforms[index]
      if (preview !== undefined) card.show({ kind: 'preview', preview })
    }
  } catch (error) {
    if (request !== previewRequest) return
    validation.replaceChildren(
      h(
        'p',
        { class: 'state state-bad', role: 'alert' },
        `The demo server failed: ${(error as Error).message}`,
      ),
    )
  }
}

function scheduleCheck(): void {
  if (timer !== undefined) clearTimeout(timer)
  timer = setTimeout(() => void checkOrder(), validateAfterMs)
}

async function start(): Promise<void> {
  let bootstrap: BootstrapResponse
  try {
    bootstrap = await callApi<BootstrapResponse>('GET', '/api/bootstrap')
  } catch (error) {
    validation.replaceChildren(
      h(
        'p',
        { class: 'state state-bad', role: 'alert' },
        `Could not reach the demo server: ${(error as Error).message}. Is \`npm run demo\` still running?`,
      ),
    )
    return
  }
  const { samples, platforms } = bootstrap
  cards = platforms.map((platform) => createPlatformCard(platform, () => parsedOrder))
  cardsContainer.replaceChildren(...cards.map((card) => card.element))
  if (platforms.length === 0) {
    cardsContainer.replaceChildren(
      h('p', { class: 'state state-empty' }, 'No platform is registered in the demo.'),
    )
  }
  sampleSelect.replaceChildren(
    ...samples.map((sample) => h('option', { value: sample.id }, sample.label)),
  )
  const pick = (id: string) => {
    const sample = samples.find((item) => item.id === id)
    if (sample === undefined) return
    sampleDescription.textContent = sample.description
    editor.value = prettyJson(sample.order)
    void checkOrder()
  }
  sampleSelect.addEventListener('change', () => pick(sampleSelect.value))
  editor.addEventListener('input', scheduleCheck)
  sampleSelect.disabled = false
  editor.disabled = false
  setUpBatchPanel(platforms)
  const first = samples[0]
  if (first !== undefined) pick(first.id)
}

void start()
