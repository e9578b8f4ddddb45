import { OrderSyncError } from '../errors/order-sync-error.ts'
import { validateOrder } from '../order/parse-order.ts'
import type { OrderSyncPlatformV1, PreparedOrder } from './platform-contract.ts'
import { asOrderSyncError } from './sync-failures.ts'
import type { OrderSyncResult } from './sync-report.ts'

/** An order of the run, prepared and waiting for its result. */
export interface SyncEntry<Payload> {
  /** Its position in the input, from 0. */
  readonly index: number
  readonly prepared: PreparedOrder<Payload>
  /** `modifiedAt` in epoch milliseconds, when the order has one. */
  readonly modifiedAt: number | undefined
}

/**
 * Validates and prepares one order read from the source: its entry, or its failed result (an
 * invalid order, a `prepare` that refused it or broke the contract) — never sent.
 */
export function prepareEntry<Payload>(
  platform: OrderSyncPlatformV1<Payload>,
  input: unknown,
  index: number,
): { readonly entry: SyncEntry<Payload> } | { readonly failed: OrderSyncResult } {
  const validation = validateOrder(input)
  if (!validation.success) {
    return { failed: notSent(index, readId(input), validation.error) }
  }
  const order = validation.order
  try {
    const prepared = platform.prepare(order)
    checkPrepared(prepared, platform.platform)
    return { entry: { index, prepared, modifiedAt: order.modifiedAt } }
  } catch (error) {
    return { failed: notSent(index, order.id, asOrderSyncError(error, platform.platform, false)) }
  }
}

function notSent(
  index: number,
  orderId: string | undefined,
  error: OrderSyncError,
): OrderSyncResult {
  return { index, orderId, status: 'failed', error, delivery: 'not_sent', warnings: [] }
}

/**
 * A platform package outside this repository may break the contract: its order then fails here,
 * named, rather than being lost later.
 */
function checkPrepared(prepared: unknown, platform: string): void {
  const candidate = prepared as { orderId?: unknown; warnings?: unknown } | null
  if (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.orderId === 'string' &&
    Array.isArray(candidate.warnings)
  ) {
    return
  }
  throw new OrderSyncError(
    `prepare() returned ${prepared === null ? 'null' : typeof prepared === 'object' ? 'an object without a string orderId and a warnings array' : typeof prepared}; a platform's prepare must return { orderId, payload, warnings } (OrderSyncPlatformV1)`,
    { platform },
  )
}

function readId(input: unknown): string | undefined {
  try {
    if (typeof input !== 'object' || input === null) return undefined
    const id = (input as { id?: unknown }).id
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}
