import type { PathIssue, PlatformInfo, PlatformPreview } from '../demo-api-types.ts'
import { copyableBlock } from './copy-button.ts'
import { h, prettyJson } from './dom.ts'
import { mappingView } from './mapping-view.ts'

/** A list of problems or warnings, each with its canonical path. */
export function issueList(issues: readonly PathIssue[], className: string): HTMLUListElement {
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

/** What a card shows of one platform's preview: its badge, its panel, and why Sync is off. */
export interface RenderedPreview {
  readonly badge: { readonly text: string; readonly tone: 'ok' | 'bad' | 'wait' }
  readonly nodes: readonly Node[]
  /** Why the order cannot be synced to this platform, when it cannot. */
  readonly syncOff: string | undefined
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`

function renderReady(
  platform: PlatformInfo,
  view: Extract<PlatformPreview, { state: 'ready' }>,
  order: unknown,
): RenderedPreview {
  const warnings = view.warnings.length
  return {
    badge: {
      text: warnings === 0 ? 'Ready' : `Ready · ${plural(warnings, 'warning')}`,
      tone: 'ok',
    },
    syncOff: undefined,
    nodes: [
      h(
        'dl',
        { class: 'key-fields' },
        ...view.keyFields.flatMap((field) => [
          h('dt', {}, h('code', {}, field.path)),
          h('dd', { 'data-field': field.path }, field.value),
        ]),
      ),
      warnings === 0
        ? h('p', { class: 'hint' }, 'No warnings: the platform carries every field of this order.')
        : h(
            'details',
            { class: 'warnings' },
            h('summary', {}, `Warnings (${warnings}): what the platform cannot carry`),
            issueList(view.warnings, 'issue-warnings'),
          ),
      h(
        'details',
        { class: 'payload' },
        h('summary', {}, 'The whole payload'),
        copyableBlock(`the ${platform.label} payload`, prettyJson(view.payload), 'payload-json'),
      ),
      mappingView(platform, order),
    ],
  }
}

/**
 * What a card shows of a platform's preview. A refusal is said once — the badge names it, the
 * panel lists its reasons with their canonical paths, and Sync is off with a pointer to them —
 * and so is a "not yet".
 *
 * @param platform - The platform, as the server lists it.
 * @param view - The platform's preview of the order.
 * @param order - The order previewed, as the editor holds it.
 * @returns The badge, the panel's nodes and why Sync is off.
 */
export function renderPreview(
  platform: PlatformInfo,
  view: PlatformPreview,
  order: unknown,
): RenderedPreview {
  if (view.state === 'ready') return renderReady(platform, view, order)
  if (view.state === 'not_reportable_yet') {
    // The platform's own reason: what "not yet" waits for differs (Wixtar a finished order,
    // WeChat shipping a parcel that has left).
    const why = view.errors.map((error) => `${error.path} ${error.message}`).join('; ')
    return {
      badge: { text: 'Not reportable yet', tone: 'wait' },
      syncOff: 'Sync is off until the order can be reported (the reason is above).',
      nodes: [
        h(
          'p',
          {
            class: 'state state-wait',
            'data-path': view.errors.map((error) => error.path).join(' '),
          },
          `${platform.label} cannot take this order yet: ${why === '' ? view.message : why}.`,
        ),
      ],
    }
  }
  const reasons = view.errors.length
  return {
    badge: { text: 'Refuses this order', tone: 'bad' },
    syncOff: `Sync is off: ${platform.label} refuses this order (${reasons <= 1 ? 'the reason is' : `${reasons} reasons are`} above).`,
    nodes: [
      reasons === 0
        ? h('p', { class: 'state state-bad' }, view.message)
        : issueList(view.errors, 'issue-errors'),
    ],
  }
}
