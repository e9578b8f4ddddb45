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
  const patterns = carried.map((pattern) => pattern.split('.'))
  const covered = (normalized: readonly string[]): boolean =>
    patterns.some(
      (pattern) =>
        pattern.length <= normalized.length &&
        pattern.every((segment, index) => segment === normalized[index]),
    )
  const warnings = new Map<string, SyncWarning>()

  const visit = (value: unknown, path: (string | number)[], normalized: string[]): void => {
    // Nothing to drop: absent values and empty lists.
    if (value === undefined || (Array.isArray(value) && value.length === 0) || covered(normalized))
      return
    const isLeaf = typeof value !== 'object' || value === null || isMoney(value)
    if (isLeaf) {
      const key = normalized.join('.')
      if (!warnings.has(key)) {
        warnings.set(key, {
          path,
          code: 'field_dropped',
          message: `${platformName} has no field for ${key.replaceAll('.*', '[]')}: it is not reported`,
        })
      }
      return
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index], [...normalized, '*'])
      })
      return
    }
    for (const [key, item] of Object.entries(value)) {
      if (path.length === 0 && key === 'platformOptions') continue
      if (key === 'platformOptions' && normalized.at(-2) === 'lines') continue
      visit(item, [...path, key], [...normalized, key])
    }
  }
  visit(order, [], [])
  return [...warnings.values()]
}
