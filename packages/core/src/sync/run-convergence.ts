import { OrderSyncError } from '../errors/order-sync-error.ts'
import type { DoSyncOutcome, PreparedOrder, SyncWarning } from './platform-contract.ts'
import type { RunReport } from './run-report.ts'
import type { SyncEntry } from './sync-entry.ts'
import type { SyncDelivery } from './sync-report.ts'
import type { VersionRepair, VersionStore } from './version-store.ts'

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
  /** What the platform holds of the entry's order, as the version store knew at the claim. */
  holdsOf(entry: SyncEntry<Payload>): PreparedOrder<Payload> | undefined
  /** Settles one entry's send: reports its result, or holds it until a repair is confirmed. */
  settle(
    entry: SyncEntry<Payload>,
    result: EntryResult,
    doubt: { readonly inDoubtUntil: number | undefined; readonly overtakes: boolean },
  ): Promise<void>
  /** The repairs whose time has come, as entries to send (taken out). */
  takeDue(now: number): SyncEntry<Payload>[]
  /** How many entries' results wait for a repair. */
  holding(): number
  /** When the next repair is due; `undefined` when none waits. */
  nextDue(): number | undefined
  /**
   * Gives up an entry that will not be sent (the run stopped): the result waiting for a repair
   * fails as `uncertain`, since the platform may hold an older version; `false` for an entry that
   * is not a repair.
   */
  giveUp(entry: SyncEntry<Payload>): boolean
  /** Gives up every repair not yet due (the run stopped); how many results it failed. */
  giveUpAll(): number
}

/** What the convergence of a run needs. */
export interface RunConvergenceOptions {
  readonly platform: string
  readonly store: VersionStore
  readonly report: RunReport
  /** How many times one entry's result waits for a repair before it fails as `uncertain`. */
  readonly maxRepairs: number
  /** How long after a failed repair of another run's version it is tried again (ms). */
  readonly retryAfterMs: number
  readonly now: () => number
}

/** An entry whose result waits for a repair: its own send's result, and the repairs so far. */
interface Held {
  readonly result: EntryResult
  readonly repairs: number
}

interface Scheduled<Payload> {
  readonly at: number
  readonly entry: SyncEntry<Payload>
}

/**
 * The results of a run that wait for a repair, and the repairs scheduled: which entry's result a
 * send decides (an entry of this run, or the owner of a repair of another run's version), and how
 * a waiting result ends — delivered, released as it was, or failed when the run stops first.
 */
function createRepairBook<Payload>(options: RunConvergenceOptions) {
  const { report } = options
  const held = new Map<SyncEntry<Payload>, Held>()
  // A repair that sends another run's newest version, by the entry of this run whose result
  // waits for it (the older version that may have landed over it).
  const ownerOf = new Map<SyncEntry<Payload>, SyncEntry<Payload>>()
  const scheduled: Scheduled<Payload>[] = []
  /** The entry whose result a send decides: the entry itself, or the owner of a repair. */
  const resultHolder = (entry: SyncEntry<Payload>): SyncEntry<Payload> =>
    ownerOf.get(entry) ?? entry
  const deliver = (entry: SyncEntry<Payload>, result: EntryResult): void => {
    const holder = resultHolder(entry)
    ownerOf.delete(entry)
    held.delete(holder)
    if (result.status === 'succeeded') report.succeed(holder, result.outcome)
    else report.fail(holder, result.error, result.delivery)
  }
  /** Ends a repair without a new result: its holder gets the result it had. */
  const release = (entry: SyncEntry<Payload>): boolean => {
    const holder = resultHolder(entry)
    const earlier = held.get(holder)
    if (earlier === undefined) return false
    deliver(entry, earlier.result)
    return true
  }
  /** A repair that will not be sent: its result waits no longer, and says why. */
  const abandon = (entry: SyncEntry<Payload>): boolean => {
    const holder = resultHolder(entry)
    if (!held.has(holder)) return false
    deliver(entry, {
      status: 'failed',
      error: abandonedError(holder, options),
      delivery: 'uncertain',
    })
    return true
  }
  const schedule = (at: number, entry: SyncEntry<Payload>, holder: Held): void => {
    const owner = resultHolder(entry)
    if (holder.repairs > options.maxRepairs) {
      deliver(entry, {
        status: 'failed',
        error: unconfirmedError(owner, options),
        delivery: 'uncertain',
      })
      return
    }
    held.set(owner, holder)
    scheduled.push({ at, entry })
    scheduled.sort((a, b) => a.at - b.at)
  }

  return {
    held,
    ownerOf,
    resultHolder,
    deliver,
    release,
    schedule,
    takeDue: (at: number): SyncEntry<Payload>[] => {
      let due = 0
      while (due < scheduled.length && (scheduled[due] as Scheduled<Payload>).at <= at) due += 1
      return scheduled.splice(0, due).map((item) => item.entry)
    },
    nextDue: (): number | undefined => scheduled[0]?.at,
    giveUp: abandon,
    giveUpAll: (): number => {
      let failed = 0
      for (const { entry } of scheduled.splice(0)) if (abandon(entry)) failed += 1
      return failed
    },
  }
}

/** Starts the convergence of a run. */
export function createRunConvergence<Payload>(
  options: RunConvergenceOptions,
): RunConvergence<Payload> {
  const { store, report, now } = options
  const claims = new Map<SyncEntry<Payload>, string>()
  const known = new Map<SyncEntry<Payload>, PreparedOrder<Payload>>()
  const book = createRepairBook<Payload>(options)
  const { held, ownerOf, resultHolder, deliver, release, schedule } = book
  const keyOf = (entry: SyncEntry<Payload>): string =>
    `${options.platform}:${entry.prepared.orderId}`

  const settleRepaired = (
    entry: SyncEntry<Payload>,
    result: EntryResult,
    repair: VersionRepair,
  ): void => {
    const repairs = (held.get(resultHolder(entry))?.repairs ?? 0) + 1
    if (repair.version.prepared === entry.prepared) {
      if (result.status === 'failed' && !ownerOf.has(entry)) {
        // A failed send's result says the platform may not hold the newest version, and the
        // caller syncs it again; the store keeps the copy in doubt for the next confirmed send.
        deliver(entry, result)
        return
      }
      const earlier = held.get(resultHolder(entry))
      schedule(repair.at, entry, { result: earlier?.result ?? result, repairs })
      return
    }
    // The newest version is another run's (the store is shared): this run sends it again, and
    // this entry's result waits for that send.
    const other: SyncEntry<Payload> = {
      index: entry.index,
      prepared: repair.version.prepared as SyncEntry<Payload>['prepared'],
      modifiedAt: repair.version.modifiedAt,
    }
    const owner = resultHolder(entry)
    ownerOf.delete(entry)
    ownerOf.set(other, owner)
    // After a failed send, the next waits at least retryAfterMs.
    const at =
      result.status === 'failed' ? Math.max(repair.at, now() + options.retryAfterMs) : repair.at
    schedule(at, other, { result: held.get(owner)?.result ?? result, repairs })
  }

  /** A repair of another run's version that failed: tried again, up to `maxRepairs`. */
  const retryFailedRepair = (entry: SyncEntry<Payload>, result: EntryResult): boolean => {
    const owner = ownerOf.get(entry)
    const earlier = owner === undefined ? undefined : held.get(owner)
    if (earlier === undefined || result.status !== 'failed') return false
    const repairs = earlier.repairs + 1
    if (repairs > options.maxRepairs) {
      deliver(entry, result)
      return true
    }
    schedule(now() + options.retryAfterMs, entry, { result: earlier.result, repairs })
    return true
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
          if (answer.holds !== undefined) {
            known.set(entry, answer.holds.prepared as PreparedOrder<Payload>)
          }
          send.push(entry)
          return
        }
        // A repair overtaken by a newer version: the newer one's send repairs the copy.
        if (!release(entry))
          report.skip(entry, 'stale_version', [staleWarning(entry, answer.newest)])
      })
      return send
    },
    holdsOf: (entry) => known.get(entry),
    settle: async (entry, result, doubt) => {
      const claim = claims.get(entry)
      claims.delete(entry)
      known.delete(entry)
      if (claim === undefined) {
        deliver(entry, result)
        return
      }
      const settlement = { confirmed: result.status === 'succeeded', ...doubt }
      const repair = await store.settle(keyOf(entry), claim, settlement, now())
      if (repair !== undefined) settleRepaired(entry, result, repair)
      else if (!retryFailedRepair(entry, result)) {
        // A repair of another run's version that went through: its owner's result stands.
        if (ownerOf.has(entry)) release(entry)
        else deliver(entry, result)
      }
    },
    takeDue: book.takeDue,
    nextDue: book.nextDue,
    holding: () => held.size,
    giveUp: book.giveUp,
    giveUpAll: book.giveUpAll,
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

function abandonedError(entry: SyncEntry<unknown>, options: RunConvergenceOptions): OrderSyncError {
  return new OrderSyncError(
    `order ${shortId(entry.prepared.orderId)}: the run stopped before its newest version was sent again after a request that may still land, so the platform may hold an older version — sync the order again`,
    { platform: options.platform },
  )
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
