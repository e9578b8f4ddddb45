import type {
  BootstrapResponse,
  PathIssue,
  PlatformPreview,
  PreviewResponse,
} from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { setUpBatchPanel } from './batch-panel.ts'
import { byId, h, prettyJson } from './dom.ts'
import { lineOfPath, linesOfPaths } from './json-lines.ts'
import { numberLines } from './line-numbers.ts'
import { createPlatformCard, type PlatformCard } from './platform-card.ts'
import { setUpSyncAll } from './sync-all.ts'

// The page: pick or edit an order; every platform's card previews it as the text changes.
const validateAfterMs = 250

const sampleSelect = byId<HTMLSelectElement>('sample-select')
const sampleDescription = byId<HTMLParagraphElement>('sample-description')
const sampleVerdict = byId<HTMLParagraphElement>('sample-verdict')
const editor = byId<HTMLTextAreaElement>('order-editor')
const validation = byId<HTMLDivElement>('order-validation')
const cardsContainer = byId<HTMLDivElement>('platform-cards')
const renumber = numberLines(editor, byId<HTMLElement>('order-line-numbers'))

let parsedOrder: unknown
let previewRequest = 0
let timer: ReturnType<typeof setTimeout> | undefined
let cards: PlatformCard[] = []
// Empties the "sync everywhere" line when the order changes: it was about the order before.
let resetSyncAll = (): void => {}

/** Puts the caret at the start of a line of the editor, and scrolls the line into its view. */
function goToLine(line: number): void {
  const before = editor.value.split('\n').slice(0, line - 1)
  const caret = line === 1 ? 0 : before.join('\n').length + 1
  editor.focus()
  editor.setSelectionRange(caret, caret)
  const lineHeight = Number.parseFloat(getComputedStyle(editor).lineHeight)
  // A few lines above it stay in view, for context.
  editor.scrollTop = Math.max(0, (line - 4) * lineHeight)
}

function showIssues(title: string, issues: readonly PathIssue[]): void {
  const lines = linesOfPaths(editor.value)
  validation.replaceChildren(
    h('p', { class: 'state state-bad' }, title),
    h(
      'ul',
      { class: 'issue-list issue-errors', id: 'order-issues' },
      ...issues.map((issue) => {
        const line = lineOfPath(lines, issue.path)
        const jump = h('button', { type: 'button', class: 'issue-line' }, `line ${line}`)
        jump.addEventListener('click', () => goToLine(line))
        return h(
          'li',
          { 'data-path': issue.path },
          jump,
          ' ',
          h('code', { class: 'issue-path' }, issue.path),
          ` ${issue.message}`,
          h('span', { class: 'issue-code' }, ` [${issue.code}]`),
        )
      }),
    ),
  )
}

/** What the order is on every platform, in a line: ready everywhere, or where it is not. */
function verdictOf(previews: readonly PlatformPreview[]): string {
  const labelOf = (id: string) => cards.find((card) => card.platform.id === id)?.platform.label
  const named = (state: PlatformPreview['state']) =>
    previews
      .filter((preview) => preview.state === state)
      .map((preview) => labelOf(preview.platform))
  const ready = named('ready')
  if (ready.length === previews.length) return `Ready on all ${previews.length} platforms.`
  const parts = [
    `Ready on ${ready.length} of ${previews.length} platforms${ready.length === 0 ? '' : ` (${ready.join(', ')})`}.`,
  ]
  const refused = named('refused')
  if (refused.length > 0) parts.push(`Refused by ${refused.join(', ')}.`)
  const notYet = named('not_reportable_yet')
  if (notYet.length > 0) parts.push(`Not reportable yet on ${notYet.join(', ')}.`)
  return parts.join(' ')
}

function showPreview(answer: PreviewResponse): void {
  if (!answer.valid) {
    const count = answer.issues.length
    showIssues(
      `Not a valid canonical order: ${count} ${count === 1 ? 'problem' : 'problems'}`,
      answer.issues,
    )
    sampleVerdict.textContent = ''
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
  sampleVerdict.textContent = verdictOf(answer.platforms)
  for (const [index, card] of cards.entries()) {
    const preview = answer.platforms[index]
    if (preview !== undefined) card.show({ kind: 'preview', preview })
  }
}

async function checkOrder(): Promise<void> {
  const request = ++previewRequest
  resetSyncAll()
  try {
    parsedOrder = JSON.parse(editor.value)
  } catch (error) {
    parsedOrder = undefined
    sampleVerdict.textContent = ''
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
    if (request === previewRequest) showPreview(answer)
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
    editor.scrollTop = 0
    renumber()
    void checkOrder()
  }
  sampleSelect.addEventListener('change', () => pick(sampleSelect.value))
  editor.addEventListener('input', scheduleCheck)
  sampleSelect.disabled = false
  editor.disabled = false
  resetSyncAll = setUpSyncAll(cards)
  setUpBatchPanel(platforms)
  const first = samples[0]
  if (first !== undefined) pick(first.id)
}

void start()
