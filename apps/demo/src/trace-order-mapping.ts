import {
  formatIssuePath,
  formatMoney,
  type Money,
  type OrderSyncPlatformV1,
  type SyncWarning,
  validateOrder,
} from '@ordersync/core'
import type { MappingResponse, MappingRow } from './demo-api-types.ts'
import { phonesOf, withoutPhones } from './redact-phones.ts'

type Segment = string | number
interface Leaf {
  readonly segments: readonly Segment[]
  readonly value: unknown
}
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isMoney = (value: unknown): value is Money =>
  isRecord(value) &&
  Object.keys(value).length === 2 &&
  typeof value.amount === 'number' &&
  typeof value.currency === 'string'

/** The values of a canonical order, a money value (`{ amount, currency }`) as one. */
function leavesOf(value: unknown, segments: readonly Segment[] = []): Leaf[] {
  if (isMoney(value)) return [{ segments, value }]
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => leavesOf(item, [...segments, index]))
  }
  if (isRecord(value)) {
    return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...segments, key]))
  }
  return value === undefined || value === null ? [] : [{ segments, value }]
}

// What a prepared payload carries beside the wire's fields: its own warnings and the values the
// transport must redact. A canonical value that shows there has not gone anywhere on the wire.
const besideTheWire = new Set(['warnings', 'sensitive'])

/** A payload's values by path (`orders[0].create_time`). */
function payloadFields(payload: unknown): Map<string, unknown> {
  return new Map(
    leavesOf(payload)
      .filter((leaf) => !besideTheWire.has(String(leaf.segments[0])))
      .map((leaf) => [formatIssuePath(leaf.segments), leaf.value]),
  )
}

/** The path of a value in every sample alike: `lines[0].name` and `lines[1].name` as `lines[].name`. */
const shapeOf = (segments: readonly Segment[]): string =>
  formatIssuePath(segments.map((segment) => (typeof segment === 'number' ? 0 : segment))).replace(
    /\[0\]/g,
    '[]',
  )

function withValue(input: unknown, segments: readonly Segment[], value: unknown): unknown {
  const [first, ...rest] = segments
  if (first === undefined) return value
  if (Array.isArray(input)) {
    return input.map((item, index) => (index === first ? withValue(item, rest, value) : item))
  }
  const record = isRecord(input) ? input : {}
  return { ...record, [first]: withValue(record[first], rest, value) }
}

/**
 * Other values of a leaf, each the smallest change that keeps its kind: a second more or less for
 * a time, another last digit for a number written in digits, a letter more for other text, one
 * more or less for a number, the other boolean; then the values the samples give the same field.
 */
function variantsOf(value: unknown, seen: readonly unknown[]): unknown[] {
  const others = seen.filter((item) => item !== value)
  if (typeof value === 'boolean') return [!value]
  if (typeof value === 'number') return [value + 1, value - 1, ...others]
  if (typeof value !== 'string') return others
  const time = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:)(\d\d)(.*)$/.exec(value)
  if (time !== null) {
    const [, head = '', second = '00', tail = ''] = time
    const seconds = Number(second)
    const shifted = seconds < 59 ? seconds + 1 : seconds - 1
    return [`${head}${String(shifted).padStart(2, '0')}${tail}`, ...others]
  }
  if (/^\d+$/.test(value)) {
    return [`${value.slice(0, -1)}${(Number(value.at(-1)) + 1) % 10}`, ...others]
  }
  return [`${value}x`, ...others]
}

/** An amount in major units (`50.00`), or undefined for a currency core does not know. */
function majorUnits(money: Money): string | undefined {
  try {
    return formatMoney(money)
  } catch {
    return undefined
  }
}

/** How a value is shown: money as `50.00 CNY`, text as it is, the rest as JSON. */
function display(value: unknown): string {
  const major = isMoney(value) ? majorUnits(value) : undefined
  if (isMoney(value) && major !== undefined) return `${major} ${value.currency}`
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The forms an amount takes on the wire: minor units, major units, as numbers or as text. */
function amountForms(money: Money): unknown[] {
  const major = majorUnits(money)
  const minor = [money.amount, String(money.amount)]
  return major === undefined ? minor : [...minor, major, Number(major), String(Number(major))]
}

/** What one platform makes of orders: its payload's fields, or undefined when it refuses one. */
function payloadOf(client: OrderSyncPlatformV1, input: unknown): Map<string, unknown> | undefined {
  const validation = validateOrder(input)
  if (!validation.success) return undefined
  try {
    return payloadFields(client.prepare(validation.order).payload)
  } catch {
    return undefined
  }
}

/** The payload fields whose value differs between two payloads. */
function changedFields(
  base: Map<string, unknown>,
  other: Map<string, unknown>,
  noise: ReadonlySet<string>,
): string[] {
  const paths = new Set([...base.keys(), ...other.keys()])
  return [...paths].filter(
    (path) =>
      !noise.has(path) && JSON.stringify(base.get(path)) !== JSON.stringify(other.get(path)),
  )
}

/** The warning about a canonical path or one of its parents. */
function warningAt(path: string, warnings: readonly { path: string; message: string }[]) {
  return warnings.find(
    (warning) =>
      path === warning.path ||
      path.startsWith(`${warning.path}.`) ||
      path.startsWith(`${warning.path}[`),
  )
}

interface TraceContext {
  readonly client: OrderSyncPlatformV1
  readonly input: unknown
  readonly base: Map<string, unknown>
  readonly shown: Map<string, unknown>
  readonly noise: ReadonlySet<string>
  readonly warnings: readonly { path: string; message: string }[]
  readonly samples: ReadonlyMap<string, readonly unknown[]>
}

/** Where one canonical value went: by changing it alone, else by its amount, else nowhere. */
function traceLeaf(leaf: Leaf, context: TraceContext): MappingRow {
  const path = formatIssuePath(leaf.segments)
  const warning = warningAt(path, context.warnings)
  const note = warning === undefined ? {} : { note: warning.message }
  const row = { path, value: display(leaf.value), ...note }
  const at = (fields: readonly string[]) =>
    fields.map((field) => ({ path: field, value: display(context.shown.get(field) ?? '(absent)') }))
  if (!isMoney(leaf.value)) {
    for (const variant of variantsOf(
      leaf.value,
      context.samples.get(shapeOf(leaf.segments)) ?? [],
    )) {
      const other = payloadOf(context.client, withValue(context.input, leaf.segments, variant))
      if (other === undefined) continue
      const changed = changedFields(context.base, other, context.noise)
      if (changed.length === 0) {
        const why = warning?.message ?? 'Another value of it changes nothing in the payload.'
        return { ...row, how: 'not_carried', destinations: [], note: why }
      }
      return { ...row, how: 'traced', destinations: at(changed) }
    }
  } else if (leaf.value.amount !== 0) {
    const forms = amountForms(leaf.value)
    const same = [...context.base].filter(([, value]) => forms.includes(value)).map(([key]) => key)
    if (same.length > 0) return { ...row, how: 'same_value', destinations: at(same) }
  }
  if (warning !== undefined) return { ...row, how: 'not_carried', destinations: [] }
  return {
    ...row,
    how: 'not_traced',
    destinations: [],
    note: 'Any other value of it alone makes an order the platform does not take (a sum or a rule no longer holds).',
  }
}

/**
 * The values the samples give each field (by its path with the indexes left out), so that a
 * field whose every other value is invalid (a status, a type) can still be changed to another
 * valid one.
 *
 * @param orders - The samples' orders.
 * @returns The values by path.
 */
export function sampleValues(orders: readonly unknown[]): Map<string, unknown[]> {
  const values = new Map<string, unknown[]>()
  for (const leaf of orders.flatMap((order) => leavesOf(order))) {
    const shape = shapeOf(leaf.segments)
    const known = values.get(shape) ?? []
    if (!known.includes(leaf.value)) values.set(shape, [...known, leaf.value])
  }
  return values
}

/**
 * Where each value of a canonical order went in one platform's payload, found with the
 * platform's own `prepare`: each value is changed alone (to the smallest other value of its
 * kind, or another sample's value), and the payload fields that change with it are where it
 * went. An amount cannot change alone (the order's sums would break): its destinations are the
 * payload fields that hold it, in minor or major units. Payload values show the order's phone
 * numbers redacted, as the preview does.
 *
 * @param client - The platform's client.
 * @param input - The canonical order, as the editor holds it.
 * @param samples - {@link sampleValues} of the page's samples.
 * @returns One row per canonical value, or why there is no mapping (the platform refuses it).
 */
export function traceOrderMapping(
  client: OrderSyncPlatformV1,
  input: unknown,
  samples: ReadonlyMap<string, readonly unknown[]>,
): MappingResponse {
  const validation = validateOrder(input)
  if (!validation.success) {
    return { state: 'unavailable', reason: 'The order is not a valid canonical order.' }
  }
  let warnings: readonly SyncWarning[]
  let payload: unknown
  try {
    ;({ payload, warnings } = client.prepare(validation.order))
  } catch {
    return { state: 'unavailable', reason: 'The platform does not take this order.' }
  }
  const base = payloadFields(payload)
  // What differs between two preparations of the same order (none today) is not the order's.
  const again = payloadOf(client, input) ?? base
  const noise = new Set(changedFields(base, again, new Set()))
  const context: TraceContext = {
    client,
    input,
    base,
    shown: payloadFields(withoutPhones(payload, phonesOf(input))),
    noise,
    warnings: warnings.map((warning) => ({
      path: formatIssuePath(warning.path),
      message: warning.message,
    })),
    samples,
  }
  return { state: 'ready', rows: leavesOf(input).map((leaf) => traceLeaf(leaf, context)) }
}
