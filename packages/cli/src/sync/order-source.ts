import { hash } from 'node:crypto'
import type { OrderInput, OrderSyncPlatformV1, PreparedOrder } from '@ordersync/core'
import type { OrderRecords } from '../input/read-order-records.ts'
import type { Ledger } from '../ledger/ledger.ts'
import type { CliResult, TrackedOrder } from './cli-result.ts'
import type { RetryMatch } from './results-file.ts'

/** What the command does with each entry of the input before `syncOrders` sees it. */
export interface OrderSourceOptions {
  readonly input: OrderRecords
  readonly platform: string
  /** The ledger to skip orders whose delivered version is the one at hand; none to send all. */
  readonly ledger: Ledger | undefined
  /** Only the entries it selects, when retrying from a results file. */
  readonly retry: RetryMatch | undefined
  /** An entry the command settles itself: a line that is not JSON, an order already delivered. */
  readonly onLocalResult: (result: CliResult) => void
}

/** The orders for `syncOrders`, what the command tracks of each, and how to stop reading. */
export interface OrderSource {
  readonly orders: AsyncIterable<OrderInput>
  /** The tracked order at `syncOrders`' index; taken out when its result comes. */
  take(index: number): TrackedOrder | undefined
  /** The digest of the order being prepared (the last one handed to `syncOrders`). */
  currentDigest(): string | undefined
  /** Stops reading: the orders end after those already read. */
  stop(): void
  /** Whether reading stopped before the end of the input. */
  stopped(): boolean
  /** How many entries were read from the input (selected ones, when retrying). */
  read(): number
}

/**
 * The digest of an order's JSON text: what the ledger keeps of each version, to tell an order it
 * delivered from a changed one. SHA-256 cut to 128 bits: a chance change never collides.
 */
function orderDigest(text: string): string {
  return hash('sha256', text, 'base64url').slice(0, 22)
}

const noIdentity = { id: null, version: null } as const

function identity(value: unknown): { id: string | null; version: string | number | null } {
  const order =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const { id, modifiedAt } = order
  return {
    id: typeof id === 'string' ? id : null,
    version: typeof modifiedAt === 'string' || typeof modifiedAt === 'number' ? modifiedAt : null,
  }
}

/**
 * Turns the input's entries into the orders `syncOrders` reads: a line that is not JSON is
 * reported failed (its line number; the others go on), an order whose delivered version in the
 * ledger has the same digest is skipped as `unchanged`, and, when retrying, only the entries the
 * results file selects (by id, or by place for an entry without one) are read.
 */
export function createOrderSource(options: OrderSourceOptions): OrderSource {
  const { input, platform, ledger, retry, onLocalResult } = options
  // A ledger with no order of this platform cannot skip any: no lookup per order then (the
  // orders this run adds are not looked up either: a duplicate line is a version of its own).
  const checkLedger = ledger?.hasOrders(platform) === true
  const tracked = new Map<number, TrackedOrder>()
  let digest: string | undefined
  let yielded = 0
  let read = 0
  let stopRequested = false

  // Stopping closes the input, which ends a read still waiting (a slow standard input) at once.
  async function* orders(): AsyncGenerator<OrderInput> {
    try {
      for await (const record of input.records) {
        if (stopRequested) return
        const { id, version } = record.kind === 'order' ? identity(record.value) : noIdentity
        if (retry !== undefined && !retry.selects(record, id)) continue
        read += 1
        if (record.kind === 'malformed') {
          onLocalResult({
            platform,
            line: record.line,
            position: record.position,
            id: null,
            version: null,
            outcome: 'failed',
            delivery: 'not_sent',
            errorCode: 'malformed_json',
            errorMessage: `line ${record.line} is ${record.reason}`,
          })
          continue
        }
        const place = {
          ...(record.line === undefined ? {} : { line: record.line }),
          position: record.position,
        }
        // The digest is what the ledger keeps of each version: without one, nothing to take.
        digest = ledger === undefined ? undefined : orderDigest(record.text)
        if (checkLedger && id !== null) {
          const delivered = ledger?.entry(platform, id)
          if (delivered?.inFlight === 0 && delivered.delivered?.digest === digest) {
            onLocalResult({
              platform,
              ...place,
              id,
              version,
              outcome: 'skipped',
              reason: 'unchanged',
            })
            continue
          }
        }
        tracked.set(yielded, { line: record.line, position: record.position, id, version })
        yielded += 1
        yield record.value as OrderInput
      }
    } finally {
      input.close()
    }
  }

  return {
    orders: orders(),
    take: (index) => {
      const order = tracked.get(index)
      tracked.delete(index)
      return order
    },
    currentDigest: () => digest,
    stop: () => {
      stopRequested = true
      input.close()
    },
    stopped: () => stopRequested,
    read: () => read,
  }
}

/**
 * The platform's client, with each prepared order remembered against the digest of the order it
 * was prepared from (`syncOrders` prepares an order as soon as it reads it), so that the ledger
 * records what each version was.
 */
export function withVersionDigests(
  platform: OrderSyncPlatformV1<unknown>,
  source: OrderSource,
  digests: WeakMap<PreparedOrder<unknown>, string>,
  dryRun: boolean,
): OrderSyncPlatformV1<unknown> {
  return {
    specificationVersion: 'v1',
    platform: platform.platform,
    maxBatchSize: platform.maxBatchSize,
    prepare: (order) => {
      const prepared = platform.prepare(order)
      const digest = source.currentDigest()
      if (digest !== undefined && typeof prepared === 'object' && prepared !== null) {
        digests.set(prepared, digest)
      }
      return prepared
    },
    // A dry run prepares every order and sends none: each is reported as it would be sent.
    doSync: dryRun
      ? async (batch) => batch.map(() => ({ status: 'succeeded' as const }))
      : (batch, options) => platform.doSync(batch, options),
  }
}
