import { redacted } from '@ordersync/core'

/**
 * The phone numbers of an order (the buyer's, the recipient's, the store's), as given.
 *
 * @param order - The order as the editor holds it.
 * @returns The phone numbers, none when the order has none.
 */
export function phonesOf(order: unknown): string[] {
  const at = (...path: string[]): unknown =>
    path.reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      order,
    )
  return [
    at('buyer', 'phone'),
    at('delivery', 'address', 'phone'),
    at('merchant', 'store', 'phone'),
  ].filter((phone): phone is string => typeof phone === 'string' && phone !== '')
}

/**
 * A payload or a stored order with the order's phone numbers replaced by `[redacted]`, as the SDK
 * redacts them in what its hooks report: the page shows no phone number the SDK would hide.
 *
 * @param value - The payload or the stored order.
 * @param phones - The order's phone numbers ({@link phonesOf}).
 * @returns A copy without them.
 */
export function withoutPhones(value: unknown, phones: readonly string[]): unknown {
  if (phones.length === 0) return value
  if (Array.isArray(value)) return value.map((item) => withoutPhones(item, phones))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutPhones(item, phones)]),
    )
  }
  return typeof value === 'string' && phones.includes(value) ? redacted : value
}
