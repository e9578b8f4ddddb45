import type { FaultId, PlatformInfo } from '../demo-api-types.ts'
import { callApi } from './api-client.ts'
import { h } from './dom.ts'

/** One fault switch: its checkbox, which sets the platform's switches on the server. */
function faultSwitch(
  platform: PlatformInfo,
  fault: PlatformInfo['faults'][number],
  active: Set<FaultId>,
  status: HTMLElement,
): HTMLElement {
  const inputId = `${platform.id}-fault-${fault.id}`
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
      status.textContent =
        active.size === 0
          ? 'No fault: the next sync goes through untouched.'
          : `On for every sync: ${[...active].join(', ')}.`
    } catch (error) {
      input.checked = active.has(fault.id)
      status.textContent = `Could not switch the fault: ${(error as Error).message}`
    } finally {
      input.disabled = false
    }
  })
  return h(
    'div',
    { class: 'fault-switch' },
    input,
    h('label', { for: inputId }, fault.label),
    fault.unavailable === undefined ? null : h('span', { class: 'hint' }, '(not available)'),
  )
}

/**
 * A platform's fault switches: one line each, what each does folded away below them (each
 * switch's description is its accessible description all the same).
 *
 * @param platform - The platform, as the server lists it.
 * @returns The switches' fieldset.
 */
export function faultSwitches(platform: PlatformInfo): HTMLFieldSetElement {
  const active = new Set<FaultId>(platform.activeFaults)
  const status = h('p', { class: 'hint fault-status', role: 'status', 'aria-live': 'polite' })
  return h(
    'fieldset',
    { class: 'faults' },
    h('legend', {}, 'Fault switches (sandbox control API, applied to each sync)'),
    h(
      'div',
      { class: 'fault-switches' },
      ...platform.faults.map((fault) => faultSwitch(platform, fault, active, status)),
    ),
    h(
      'details',
      { class: 'fault-details' },
      h('summary', {}, 'What the switches do'),
      h(
        'dl',
        {},
        ...platform.faults.flatMap((fault) => [
          h('dt', {}, fault.label),
          h(
            'dd',
            { class: 'hint', id: `${platform.id}-fault-${fault.id}-hint` },
            fault.unavailable ?? fault.description,
          ),
        ]),
      ),
    ),
    status,
  )
}
