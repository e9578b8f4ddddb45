import { isMoney } from '../money/money.ts'
import type { Order } from '../order/order-types.ts'
import type { SyncWarning } from './platform-contract.ts'

/**
 * Warns about every field of an order that a platform does not carry, so that nothing is dropped
 * silently. The platform lists the canonical paths it carries (or handles with a warning of its
 * own) as patterns — `lines.*.unitPrice`, `delivery.window` (which covers everything under it) — and
 * every other field present in the order gets one `field_dropped` warning per pattern, at its first
 * concrete path. `platformOptions` are the platform's own and never reported here.
 *
 * @param order - A valid order.
 * @param carried - The patterns the platform carries; `*` stands for any array index.
 * @param platformName - The platform's display name, for the message.
 * @returns One warning per field pattern that is present and not carried.
 * @example
 * ```ts
 * warnDroppedFields(order, ['id', 'lines.*.name'], 'Youshu')
 * // [{ path: ['lines', 0, 'description'], code: 'field_dropped', message: 'Youshu has no field for lines[].description: it is not reported' }, …]
 * ```
 */
export function warnDroppedFields(
  order: Order,
  carried: readonly string[],
  platformName: string,
): SyncWarning[] {
  const warnings = new Map<string, SyncWarning>()
  // The walk keeps one path and one normalized path (indices as `*`) and copies them only for a
  // warning; the patterns are a tree walked alongside, so each node costs one map lookup.
  const path: (string | number)[] = []
  const normalized: string[] = []

  const visit = (value: unknown, node: PatternNode | undefined): void => {
    // Nothing to drop: absent values and empty lists; and nothing under a carried pattern.
    if (value === undefined || (Array.isArray(value) && value.length === 0) || node?.carried) return
    if (typeof value !== 'object' || value === null || isMoney(value)) {
      const key = normalized.join('.')
      if (!warnings.has(key)) {
        warnings.set(key, {
          path: [...path],
          code: 'field_dropped',
          message: `${platformName} has no field for ${key.replaceAll('.*', '[]')}: it is not reported`,
        })
      }
      return
    }
    if (Array.isArray(value)) {
      const child = node?.children.get('*')
      normalized.push('*')
      for (let index = 0; index < value.length; index += 1) {
        path.push(index)
        visit(value[index], child)
        path.pop()
      }
      normalized.pop()
      return
    }
    // platformOptions are the platform's own: the order's and each line's.
    const inLine = normalized.length >= 2 && normalized[normalized.length - 2] === 'lines'
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (key === 'platformOptions' && (path.length === 0 || inLine)) continue
      path.push(key)
      normalized.push(key)
      visit(record[key], node?.children.get(key))
      normalized.pop()
      path.pop()
    }
  }
  visit(order, compilePatterns(carried))
  return [...warnings.values()]
}

interface PatternNode {
  /** Whether a pattern ends here: everything under this path is carried. */
  carried: boolean
  readonly children: Map<string, PatternNode>
}

const compiledPatterns = new WeakMap<
  readonly string[],
  { readonly source: readonly string[]; readonly root: PatternNode }
>()

/** The patterns as a tree of segments, built once per list (platforms pass a constant). */
function compilePatterns(carried: readonly string[]): PatternNode {
  const cached = compiledPatterns.get(carried)
  // A list changed in place since it was compiled is compiled again.
  if (
    cached !== undefined &&
    cached.source.length === carried.length &&
    cached.source.every((pattern, index) => pattern === carried[index])
  ) {
    return cached.root
  }
  const root: PatternNode = { carried: false, children: new Map() }
  for (const pattern of carried) {
    let node = root
    for (const segment of pattern.split('.')) {
      let next = node.children.get(segment)
      if (next === undefined) {
        next = { carried: false, children: new Map() }
        node.children.set(segment, next)
      }
      node = next
    }
    node.carried = true
  }
  compiledPatterns.set(carried, { source: [...carried], root })
  return root
}
