import { OrderSyncError } from '../errors/order-sync-error.ts'
import type { DoSyncOutcome, SyncWarning } from './platform-contract.ts'
import type { RunReport } from './run-report.ts'
import type { SyncEntry } from './sync-entry.ts'
import type { SyncDelivery } from './sync-report.ts'
import type { VersionStore } from './version-store.ts'

/** What a send of one entry ended with, before the run reports it. */
export type EntryResult =
  | {
      readonly status: 'succeeded'
      readonly outcome: Extract<DoSyncOutcome, { status: 'succeeded' }>
    }
  | { readonly status: 'failed'; readonly error: OrderSyncError; readonly delivery: SyncDelivery }

/**
 * The convergence of one run of `syncOrders`: every send is claimed in the version store first
 * (an older version than one already claimed is never sent) and settled after; when the store
 * says the platform's copy may be older than the newest version (a request in doubt that may
 * still land, an older version confirmed after a newer one was claimed), the newest version is
 * sent again once nothing older can arrive, and the newest entry's success waits for that repair.
 * A failed send is reported as it is (the caller syncs the order again); the store keeps its doubt
 * for the next confirmed send.
 */
export interface RunConvergence<Payload> {
  /** Claims each entry's send; reports the stale ones; returns those to send. */
  claim(batch: readonly SyncEntry<Payload>[]): Promise<SyncEntry<Payload>[]>
  /** Settles one entry's send: reports its result, or holds it until a repair is confirmed. */
  settle(
    entry: SyncEntry<Payload>,
    result: EntryResult,
    inDoubtUntil: number | undefined,
  ): Promise<void>
  /** The repairs whose time has come, as entries to send (taken out). */
  takeDue(now: number): SyncEntry<Payload>[]
  /** When the next repair is due; `undefined` when none waits. */
  nextDue(): number | undefined
  /**
   * Gives up an entry that will not be sent (the run stopped): a repair gets the result it had;
   * `false` for an entry that is not a repair.
   */
  giveUp(entry: SyncEntry<Payload>): boolean
  /** Gives up every repair not yet due (the run stopped). */
  giveUpAll(): void
}

/** What the convergence of a run needs. */
export interface RunConvergenceOptions {
  readonly platform: string
  readonly store: VersionStore
  readonly report: RunReport
  /** How many times one entry's result waits for a repair before it fails as `uncertain`. */
  readonly maxRepairs: number
  readonly now: () => number
}

interface Held {
  readonly result: EntryResult
  readonly repairs: number
}

interface Scheduled<Payload> {
  readonly at: number
  readonly entry: SyncEntry<Payload>
}

/** Starts the convergence of a run. */
export function createRunConvergence<Payload>(
  options: RunConvergenceOptions,
): RunConvergence<Payload> {
  const { store, report, now } = options
  const claims = new Map<SyncEntry<Payload>, string>()
  const held = new Map<SyncEntry<Payload>, Held>()
  const detached = new WeakSet<SyncEntry<Payload>>()
  const scheduled: Scheduled<Payload>[] = []
  const keyOf = (entry: SyncEntry<Payload>): string =>
    `${options.platform}\n${entry.prepared.orderId}`

  const deliver = (entry: SyncEntry<Payload>, result: EntryResult): void => {
    held.delete(entry)
    if (detached.has(entry)) return
    if (result.status === 'succeeded') report.succeed(entry, result.outcome)
    else report.fail(entry, result.error, result.delivery)
  }
  const schedule = (at: number, entry: SyncEntry<Payload>): void => {
    scheduled.push({ at, entry })
    scheduled.sort((a, b) => a.at - b.at)
  }

  return {
    claim: async (batch) => {
      const answers = await Promise.all(
        batch.map((entry) =>
          store.claim(
            keyOf(entry),
            { modifiedAt: entry.modifiedAt, prepared: entry.prepared },
            now(),
          ),
        ),
      )
      const send: SyncEntry<Payload>[] = []
      answers.forEach((answer, position) => {
        const entry = batch[position] as SyncEntry<Payload>
        if (answer.state === 'send') {
          claims.set(entry, answer.claim)
          send.push(entry)
          return
        }
        const earlier = held.get(entry)
        // A repair overtaken by a newer version: the newer one's send repairs the copy.
        if (earlier !== undefined) deliver(entry, earlier.result)
        else if (!detached.has(entry)) {
          report.skip(entry, 'stale_version', [staleWarning(entry, answer.newest)])
        }
      })
      return send
    },
    settle: async (entry, result, inDoubtUntil) => {
      const claim = claims.get(entry)
      claims.delete(entry)
      if (claim === undefined) {
        deliver(entry, result)
        return
      }
      const settlement = { confirmed: result.status === 'succeeded', inDoubtUntil }
      const repair = await store.settle(keyOf(entry), claim, settlement, now())
      if (repair === undefined) {
        deliver(entry, result)
        return
      }
      if (repair.version.prepared !== entry.prepared) {
        // The newest version is another run's (the store is shared): send it again without a
        // result of this run; this entry's own result stands.
        deliver(entry, result)
        const other: SyncEntry<Payload> = {
          index: -1,
          prepared: repair.version.prepared as SyncEntry<Payload>['prepared'],
          modifiedAt: repair.version.modifiedAt,
        }
        detached.add(other)
        schedule(repair.at, other)
        return
      }
      if (result.status === 'failed') {
        // A failed send's result says the platform may not hold the newest version, and the
        // caller syncs it again; the store keeps the copy in doubt, so that the next confirmed
        // send of the order is repaired.
        deliver(entry, result)
        return
      }
      const repairs = (held.get(entry)?.repairs ?? 0) + 1
      if (repairs > options.maxRepairs && !detached.has(entry)) {
        deliver(entry, {
          status: 'failed',
          error: unconfirmedError(entry, options),
          delivery: 'uncertain',
        })
        return
      }
      if (repairs > options.maxRepairs) return
      held.set(entry, { result, repairs })
      schedule(repair.at, entry)
    },
    takeDue: (at) => {
      let due = 0
      while (due < scheduled.length && (scheduled[due] as Scheduled<Payload>).at <= at) due += 1
      return scheduled.splice(0, due).map((item) => item.entry)
    },
    nextDue: () => scheduled[0]?.at,
    giveUp: (entry) => {
      const earlier = held.get(entry)
      if (earlier !== undefined) deliver(entry, earlier.result)
      return earlier !== undefined || detached.has(entry)
    },
    giveUpAll: () => {
      for (const { entry } of scheduled.splice(0)) {
        const earlier = held.get(entry)
        if (earlier !== undefined) deliver(entry, earlier.result)
      }
    },
  }
}

function shortId(id: string): string {
  return JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id)
}

function staleWarning(entry: SyncEntry<unknown>, newest: number): SyncWarning {
  const modifiedAt = entry.modifiedAt
  return {
    path: ['modifiedAt'],
    code: 'stale_version',
    message: `not sent: a newer version of order ${shortId(entry.prepared.orderId)} (modifiedAt ${new Date(newest).toISOString()}) was already sent${modifiedAt === undefined ? '' : `, and this one (${new Date(modifiedAt).toISOString()}) would overwrite it`}`,
  }
}

function unconfirmedError(
  entry: SyncEntry<unknown>,
  options: RunConvergenceOptions,
): OrderSyncError {
  return new OrderSyncError(
    `order ${shortId(entry.prepared.orderId)}: sent ${options.maxRepairs + 1} times, and each time a request may still have reached the platform after it, so the platform may hold an older version — sync the order again once the platform answers reliably`,
    { platform: options.platform },
  )
}
