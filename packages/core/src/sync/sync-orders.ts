import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import type { OrderInput } from '../order/order-types.ts'
import { loadedTelemetry, loadTelemetry, type Telemetry } from '../telemetry/telemetry.ts'
import { countOrder, traceRun } from '../telemetry/trace-run.ts'
import { checkSyncArguments } from './check-sync-arguments.ts'
import { createOrderReader, type OrderReader } from './order-reader.ts'
import type { OrderSyncPlatformV1 } from './platform-contract.ts'
import { createRunConvergence, type RunConvergence } from './run-convergence.ts'
import { createRunReport } from './run-report.ts'
import { createRunStop } from './run-stop.ts'
import { type BatchContext, claimAndSend } from './send-batch.ts'
import { prepareEntry, type SyncEntry } from './sync-entry.ts'
import { asOrderSyncError } from './sync-failures.ts'
import { SyncInterruptedError } from './sync-interrupted-error.ts'
import type { OrderSyncResult, SkipReason, SyncProgress, SyncReport } from './sync-report.ts'
import { createVersionGate, type VersionGate } from './version-gate.ts'
import { createMemoryVersionStore, type VersionStore } from './version-store.ts'

/**
 * Options of {@link syncOrders}.
 *
 * @example
 * ```ts
 * const options: SyncOrdersOptions<unknown> = { platform, orders, concurrency: 8, keepResults: 'failed' }
 * ```
 */
export interface SyncOrdersOptions<Payload> {
  /** The platform client. */
  readonly platform: OrderSyncPlatformV1<Payload>
  /**
   * The orders: an array or any (async) iterable, read lazily. Each is validated at run time as
   * well, for callers without types.
   */
  readonly orders: Iterable<OrderInput> | AsyncIterable<OrderInput>
  /**
   * How many batches are in flight at once.
   *
   * @default 4
   */
  readonly concurrency?: number
  /** Called after each order completes. If it throws, the run ends early ({@link SyncInterruptedError}). */
  readonly onProgress?: (progress: SyncProgress) => void
  /** Called with each order's result as it completes. If it throws, the run ends early ({@link SyncInterruptedError}). */
  readonly onResult?: (result: OrderSyncResult) => void
  /** Stops the run: nothing new is read or sent; in-flight calls are aborted. */
  readonly signal?: AbortSignal
  /**
   * Which results the report keeps. For a backfill of millions of orders use `'failed'` or
   * `'none'` and stream the rest through `onResult`, so memory stays flat.
   *
   * @default 'all'
   */
  readonly keepResults?: 'all' | 'failed' | 'none'
  /**
   * How many distinct order ids the run remembers to refuse a stale version (one older, by
   * `modifiedAt`, than a version already sent or queued). Beyond it the ids accepted longest ago
   * are forgotten, so memory stays flat in a backfill of millions; a stale version further apart
   * than that is left to the platform's own rule for older versions (see each platform's guide).
   * At the default the window holds about 15 MB of heap for ids of 15 characters; with the
   * default `versionStore`, which remembers as many orders, the run holds about 39 MB in all.
   *
   * @default 100000
   */
  readonly versionWindow?: number
  /**
   * Where the run claims each version before sending it and settles it after: a version older (by
   * `modifiedAt`) than one already claimed is never sent, and an order whose platform copy may be
   * older than its newest version (a request in doubt that may still land, an older version
   * confirmed after a newer one) gets its newest version sent again once nothing older can
   * arrive. Share one store between runs (and, with a store shared between processes, between
   * processes) so that they refuse each other's older versions and repair each other's orders.
   *
   * @default a memory store of this run alone, remembering `versionWindow` orders (without
   *   `rememberHolds`: only a shared store tells a platform what it holds)
   */
  readonly versionStore?: VersionStore
  /**
   * How long after a request ended without an answer that settles it (a timeout after sending, a
   * dropped connection, a retryable 5xx) it may still reach the platform and be applied. No
   * platform document states a bound; it is a setting. The newest version of such an order is
   * sent again this long after the request in doubt, and its result waits for that send (the
   * run lasts up to this much longer when requests were in doubt).
   *
   * @default 10000
   */
  readonly lateArrivalMs?: number
  /**
   * How many times one order's result waits for its newest version to be sent again before it
   * fails as `uncertain` (the platform answers so unreliably that every send is in doubt).
   *
   * @default 3
   */
  readonly maxRepairs?: number
  /**
   * How many sends in a row, before any succeeded, may fail with the same answer the client
   * cannot place (a platform code it does not know; a redirect, 401, 403, 404, 405 or 410 with no
   * platform code, such as a 404 from a wrong path prefix) before the run stops sending and the remaining orders fail
   * `not_sent` with an error naming the answer. A wrong setting the platform's tables do not name
   * then costs a few requests, not one per order. Transient failures (retried) and the orders' own
   * failures never count; one success disarms it. `0` never stops on repetition.
   *
   * @default 3
   */
  readonly sameFailureLimit?: number
  /**
   * With OpenTelemetry on, adds the ids of the orders each platform call carries to its
   * `ordersync.call` span, as `ordersync.order_ids` (a string array), so that a trace answers
   * "which call carried order 8812?". Off by default: an order id may count as personal data
   * where a merchant's tracing backend is shared, and a batch call carries up to a few hundred.
   * Never on a metric.
   *
   * @default false
   */
  readonly traceOrderIds?: boolean
}

/**
 * Syncs orders to one platform: validates each, prepares it, batches by the platform's
 * `maxBatchSize`, runs batches with bounded concurrency, and returns one result per order.
 *
 * - **One bad order never fails the others**: an invalid order (or one whose properties throw
 *   when read) fails alone; a batch the platform rejects as a whole because of its content is
 *   split and resent until the bad orders are isolated.
 * - **Credentials and configuration fail fast**: an authentication, signature or configuration
 *   failure is never split, and it stops the run's sends to the platform; the remaining orders
 *   fail with the same error, delivery `not_sent`.
 * - **Outcomes tell the truth**: a failed result's `delivery` says whether the platform may hold
 *   the order (`uncertain`, `partial`) or certainly does not (`not_sent`, `rejected`).
 * - **Never two versions of one order in flight**: orders with the same id are sent one after
 *   another, in the order read; a version older (by `modifiedAt`) than one already sent or queued
 *   in the run is not sent (skipped, `stale_version`, with a warning).
 * - **Memory stays flat** for any number of orders from an (async) iterable: it reads at most
 *   `2 × concurrency × maxBatchSize` orders ahead of those completed (the batches in flight, and
 *   the next ones prepared while they wait, so that no slot waits for a batch to be prepared).
 * - **Abort means stop**: nothing new is read or sent; in-flight calls are aborted; the report
 *   says what was done, what failed and what was skipped.
 * - **A throwing source or callback** ends the run cleanly: nothing new is read, in-flight batches
 *   settle, and `syncOrders` rejects with a {@link SyncInterruptedError} that carries the report
 *   so far.
 *
 * @param options - The platform, the orders, the concurrency and the callbacks.
 * @returns The report.
 * @throws {@link InvalidArgumentError} naming the argument for misused arguments (no platform,
 *   orders that are not an iterable, a signal that is not an AbortSignal, a concurrency below 1).
 * @throws {@link SyncInterruptedError} when the order source, `onResult` or `onProgress` threw.
 * @example
 * ```ts
 * import { syncOrders } from '@ordersync/core'
 *
 * const report = await syncOrders({ platform: youshu, orders: readOrdersFromDatabase(), concurrency: 8 })
 * console.log(report.succeeded, report.failed, report.uncertain)
 * ```
 */
export async function syncOrders<Payload>(
  options: SyncOrdersOptions<Payload>,
): Promise<SyncReport> {
  checkSyncArguments(options)
  checkBatchSize(options.platform)
  const telemetry = loadedTelemetry() ?? (await loadTelemetry())
  if (telemetry === undefined) return runSync(options, undefined)
  return traceRun(telemetry, options.platform.platform, () => runSync(options, telemetry))
}

/** A run of {@link syncOrders}, its arguments checked; its results counted by `telemetry`. */
async function runSync<Payload>(
  options: SyncOrdersOptions<Payload>,
  telemetry: Telemetry | undefined,
): Promise<SyncReport> {
  const { platform, signal } = options
  const report = createRunReport({
    keepResults: options.keepResults ?? 'all',
    total: Array.isArray(options.orders) ? options.orders.length : undefined,
    onResult: options.onResult,
    onProgress: options.onProgress,
    count: telemetry === undefined ? undefined : countOrder(telemetry, platform.platform),
  })
  // Aborts on the caller's signal or on an interruption, so that a read of the source that is
  // still waiting (a change stream, a slow cursor) is given up at once.
  const halt = new AbortController()
  const onAbort = (): void => halt.abort()
  if (signal?.aborted) halt.abort()
  else signal?.addEventListener('abort', onAbort, { once: true })
  const versionWindow = options.versionWindow ?? 100_000
  const lateArrivalMs = options.lateArrivalMs ?? 10_000
  const now = Date.now
  const convergence = createRunConvergence<Payload>({
    platform: platform.platform,
    // The run's own store keeps no prepared order beyond what a repair needs: memory stays flat.
    store:
      options.versionStore ??
      createMemoryVersionStore({ maxOrders: versionWindow, rememberHolds: false }),
    report,
    maxRepairs: options.maxRepairs ?? 3,
    retryAfterMs: lateArrivalMs,
    now,
  })
  const run: Run<Payload> = {
    context: {
      platform,
      signal,
      report,
      stop: createRunStop(options.sameFailureLimit ?? 3),
      convergence,
      lateArrivalMs,
      traceOrderIds: options.traceOrderIds === true,
      now,
    },
    gate: createVersionGate<Payload>(versionWindow),
    reader: createOrderReader(options.orders, halt.signal),
    halt,
    ready: [],
    gated: new WeakSet(),
    running: new Set(),
    concurrency: options.concurrency ?? 4,
    exhausted: false,
    abandoned: 0,
  }
  try {
    await sendAll(run)
  } finally {
    await Promise.all(run.running)
    skipUnsent(run)
    signal?.removeEventListener('abort', onAbort)
    await run.reader.close()
  }
  // A run aborted while results waited for a repair did not finish what it read.
  const result = report.toReport(signal?.aborted === true && (!run.exhausted || run.abandoned > 0))
  const interruption = report.interruption()
  if (interruption !== undefined) {
    throw new SyncInterruptedError({
      platform: platform.platform,
      source: interruption.source,
      report: result,
      cause: interruption.error,
    })
  }
  return result
}

/** The state of one run of {@link syncOrders}, handed to its steps. */
interface Run<Payload> {
  readonly context: BatchContext<Payload> & { readonly convergence: RunConvergence<Payload> }
  readonly gate: VersionGate<Payload>
  readonly reader: OrderReader
  readonly halt: AbortController
  /** Entries whose turn has come, in the order they became ready. */
  readonly ready: SyncEntry<Payload>[]
  /** The entries that hold their order's place in the version gate until their batch completes. */
  readonly gated: WeakSet<SyncEntry<Payload>>
  /** The batches in flight. */
  readonly running: Set<Promise<void>>
  readonly concurrency: number
  /** Whether the source was read to its end. */
  exhausted: boolean
  /** Results that failed because the run stopped before their repair was sent. */
  abandoned: number
}

function checkBatchSize(platform: OrderSyncPlatformV1<unknown>): void {
  const batchSize = platform.maxBatchSize
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError({
      platform: platform.platform,
      argument: 'platform.maxBatchSize',
      reason: `must be an integer of at least 1, got ${String(batchSize)}`,
    })
  }
}

function stopped(run: Run<unknown>): boolean {
  return run.context.signal?.aborted === true || run.context.report.interruption() !== undefined
}

/**
 * Reads and sends until the source ends or the run stops: reads until a batch is ready, launches
 * batches while fewer than `concurrency` are in flight, and while every slot is busy reads and
 * prepares the next batches (one per slot at most, one per turn of the event loop, so that the
 * answers of the batches in flight are handled between them): a slot that frees is filled at once
 * instead of waiting for a batch to be read, validated and prepared. Orders read and without a
 * result never exceed the read-ahead bound, `2 × concurrency × maxBatchSize`, so memory stays flat.
 */
async function sendAll<Payload>(run: Run<Payload>): Promise<void> {
  const batchSize = run.context.platform.maxBatchSize
  const readAhead = readAheadBound(run)
  // The most the run prepares beyond what it can launch: one batch for each slot.
  const spare = run.concurrency * batchSize
  for (;;) {
    run.ready.push(...run.context.convergence.takeDue(run.context.now()))
    // With a slot free, fill one batch to launch; with every slot busy, add one batch to those
    // waiting for a slot.
    const target =
      run.running.size < run.concurrency
        ? batchSize
        : Math.min(spare, run.ready.length - (run.ready.length % batchSize) + batchSize)
    while (
      !run.exhausted &&
      !stopped(run) &&
      run.ready.length < target &&
      inFlightAhead(run) < readAhead
    ) {
      if (!(await readNext(run))) break
    }
    if (stopped(run)) return
    // The reader stops short of a full batch only at the end of the source or at the read-ahead
    // bound (later versions waiting for their turn): then a partial batch goes.
    while (run.ready.length > 0 && run.running.size < run.concurrency) {
      launch(run, run.ready.splice(0, batchSize))
    }
    const canRead = !run.exhausted && inFlightAhead(run) < readAhead
    // Room for another batch and orders left to read: read on rather than wait.
    if (run.running.size < run.concurrency && canRead) continue
    // Every slot busy: prepare the next batch after letting the answers that came in be handled.
    if (canRead && run.ready.length < spare) {
      await nextTurn()
      continue
    }
    const repairAt = run.context.convergence.nextDue()
    if (run.running.size === 0 && repairAt === undefined) {
      if (run.exhausted) return
      continue
    }
    await nextProgress(run, repairAt)
  }
}

/** How many orders a run may hold read and without a result: two rounds of batches. */
function readAheadBound(run: Run<unknown>): number {
  return 2 * run.concurrency * run.context.platform.maxBatchSize
}

// setImmediate where the runtime has it (Node, Bun): it runs right after the I/O callbacks already
// due. Browsers and edge runtimes have none: a zero-delay timer is their next turn.
const schedule: (callback: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (callback) => globalThis.setImmediate(callback)
    : (callback) => setTimeout(callback, 0)

/** Resolves on the event loop's next turn, after the answers that came in are handled. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => schedule(resolve))
}

/**
 * The orders read and without a result, less those whose result only waits for a repair (they
 * hold no batch slot), as long as those stay under ten times the read-ahead bound: memory stays
 * flat however many requests are in doubt.
 */
function inFlightAhead(run: Run<unknown>): number {
  const readAhead = readAheadBound(run)
  const holding = run.context.convergence.holding()
  const outstanding = run.context.report.outstanding()
  return holding <= readAhead * 10 ? outstanding - holding : outstanding
}

/**
 * Waits until a batch in flight completes or the next repair is due, whichever comes first; an
 * abort cuts the wait short.
 */
async function nextProgress(run: Run<unknown>, repairAt: number | undefined): Promise<void> {
  if (repairAt === undefined) {
    await Promise.race(run.running)
    return
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopWaiting = (): void => {}
  const due = new Promise<void>((resolve) => {
    stopWaiting = resolve
    timer = setTimeout(resolve, Math.max(0, repairAt - run.context.now()))
  })
  run.halt.signal.addEventListener('abort', stopWaiting, { once: true })
  try {
    await Promise.race([...run.running, due])
  } finally {
    clearTimeout(timer)
    run.halt.signal.removeEventListener('abort', stopWaiting)
  }
}

/** Reads one order and takes it in; `false` when nothing more can be read now. */
async function readNext<Payload>(run: Run<Payload>): Promise<boolean> {
  const report = run.context.report
  let next: Awaited<ReturnType<OrderReader['next']>>
  try {
    next = await run.reader.next()
  } catch (error) {
    report.interrupt(error, 'the order source')
    run.halt.abort()
    return false
  }
  if (next === 'halted') return false
  if (next === 'done') {
    run.exhausted = true
    return false
  }
  takeIn(run, next.value, report.countRead())
  return true
}

/** Prepares a read order and admits it: ready, waiting for an earlier version, or stale. */
function takeIn<Payload>(run: Run<Payload>, input: unknown, index: number): void {
  const { platform, report, stop } = run.context
  const prepared = prepareEntry(platform, input, index)
  if ('failed' in prepared) {
    report.complete(prepared.failed)
    return
  }
  const entry = prepared.entry
  const stoppedWith = stop.notSentError()
  if (stoppedWith !== undefined) {
    report.fail(entry, stoppedWith, 'not_sent')
    return
  }
  const admission = run.gate.admit(entry)
  if (admission.state === 'stale') report.skip(entry, 'stale_version', [admission.warning])
  else if (admission.state === 'ready') admitted(run, entry)
}

/** An entry whose turn in the version gate has come: ready to send. */
function admitted<Payload>(run: Run<Payload>, entry: SyncEntry<Payload>): void {
  run.gated.add(entry)
  run.ready.push(entry)
}

/** Sends a batch in the background; when it is done, the next version of each of its orders may go. */
function launch<Payload>(run: Run<Payload>, batch: SyncEntry<Payload>[]): void {
  const { context, gate } = run
  const task: Promise<void> = claimAndSend(context, batch)
    .catch((error: unknown) => {
      // sendBatch reports every failure as results; this is a bug guard, never silent, and it
      // gives a result only to the orders that have none.
      for (const entry of batch) {
        context.report.fail(
          entry,
          asOrderSyncError(error, context.platform.platform, true),
          'uncertain',
        )
      }
    })
    .finally(() => {
      run.running.delete(task)
      for (const entry of batch) {
        // Only an entry that took its place in the gate gives it up: a repair sent again took
        // none, and releasing it would let a later version go while another is in flight.
        if (!run.gated.delete(entry)) continue
        const next = gate.release(entry)
        if (next !== undefined) admitted(run, next)
      }
    })
  run.running.add(task)
}

/** What was read and not sent, once the run stopped: aborted, or cut short by a throw. */
function skipUnsent(run: Run<unknown>): void {
  const report = run.context.report
  const reason: SkipReason = report.interruption() !== undefined ? 'interrupted' : 'aborted'
  const convergence = run.context.convergence
  for (const entry of run.ready.splice(0)) {
    if (convergence.giveUp(entry)) run.abandoned += 1
    else report.skip(entry, reason)
  }
  run.abandoned += convergence.giveUpAll()
  for (const entry of run.gate.drain()) report.skip(entry, reason)
}
