import type { Order } from '@ordersync/core'
import type { StoredVersion } from './order-state-scripts.ts'

// JSON with the keys of every object in sorted order, so that two equal orders always give the
// same text, whatever order their fields were built in.
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item ?? null)).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/**
 * The SHA-256 digest of a version's JSON, in hex: what tells an unchanged re-enqueue from a change
 * that kept `modifiedAt`.
 */
export async function digestOf(json: string): Promise<string> {
  const digest = new Uint8Array(
    await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(json)),
  )
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/**
 * The version of a valid order the queue keeps: its JSON (instants as epoch milliseconds, which
 * `validateOrder` reads back as the same instants), its `modifiedAt` and its {@link digestOf}.
 */
export async function versionOf(order: Order): Promise<StoredVersion> {
  const json = stableJson(order)
  return { json, modifiedAt: order.modifiedAt, digest: await digestOf(json) }
}
