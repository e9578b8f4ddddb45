import type { BatchStatus, PlatformInfo } from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { byId, h } from './dom.ts'

const pollEveryMs = 300

function report(status: BatchStatus, platformLabel: (id: string) => string): HTMLElement {
  const count = (label: string, name: string, value: number) => [
    h('dt', {}, label),
    h('dd', { 'data-count': name }, String(value)),
  ]
  return h(
    'div',
    { class: 'batch-result' },
    h(
      'p',
      { class: `state state-${status.failed === 0 ? 'ok' : 'bad'}` },
      `Batch of ${status.total} orders to ${platformLabel(status.platform)} finished${status.failed === 0 ? '' : `: ${status.failed} failed`}.`,
    ),
    h(
      'dl',
      { class: 'batch-counts' },
      ...count('Succeeded', 'succeeded', status.succeeded),
      ...count('Failed', 'failed', status.failed),
      ...count('Of them uncertain (the platform may hold them)', 'uncertain', status.uncertain),
    ),
    status.failures.length === 0
      ? null
      : h(
          'details',
          {},
          h('summary', {}, `The first ${status.failures.length} failures`),
          h(
            'ul',
            { class: 'issue-list' },
            ...status.failures.map((failure) =>
              h(
                'li',
                {},
                h('code', {}, failure.orderId ?? '(no id)'),
                failure.delivery === undefined ? '' : ` (${failure.delivery})`,
                ` ${failure.message}`,
              ),
            ),
          ),
        ),
  )
}

/** Wires the batch form: start a run, poll its progress, show the report. */
export function setUpBatchPanel(platforms: readonly PlatformInfo[]): void {
  const form = byId<HTMLFormElement>('batch-form')
  const select = byId<HTMLSelectElement>('batch-platform')
  const countInput = byId<HTMLInputElement>('batch-count')
  const outageInput = byId<HTMLInputElement>('batch-outage')
  const button = byId<HTMLButtonElement>('batch-run')
  const bar = byId<HTMLProgressElement>('batch-progress-bar')
  const text = byId<HTMLSpanElement>('batch-progress-text')
  const output = byId<HTMLDivElement>('batch-report')
  select.replaceChildren(
    ...platforms.map((platform) => h('option', { value: platform.id }, platform.label)),
  )
  select.disabled = false
  button.disabled = false

  const showProgress = (status: BatchStatus) => {
    bar.max = status.total
    bar.value = status.done
    text.textContent = `${status.done} of ${status.total} orders · ${status.succeeded} succeeded · ${status.failed} failed, ${status.uncertain} of them uncertain`
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (!countInput.reportValidity()) return
    button.disabled = true
    select.disabled = true
    outageInput.disabled = true
    output.replaceChildren(h('p', { class: 'state state-loading' }, 'Running the batch…'))
    try {
      let status = await callApi<BatchStatus>('POST', '/api/batches', {
        platform: select.value,
        count: Number(countInput.value),
        outage: outageInput.checked,
      })
      showProgress(status)
      while (!status.finished) {
        await new Promise((resolve) => setTimeout(resolve, pollEveryMs))
        status = await callApi<BatchStatus>('GET', `/api/batches/${status.id}`)
        showProgress(status)
      }
      output.replaceChildren(
        report(status, (id) => platforms.find((platform) => platform.id === id)?.label ?? id),
      )
    } catch (error) {
      output.replaceChildren(
        h(
          'p',
          { class: 'state state-bad', role: 'alert' },
          `The batch failed: ${(error as Error).message}`,
        ),
      )
    } finally {
      button.disabled = false
      select.disabled = false
      outageInput.disabled = false
    }
  })
}
