import {
  type DoSyncOptions,
  type DoSyncOutcome,
  type OrderInput,
  OrderSyncError,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  type PreparedOrder,
  syncOrders,
  type VersionStore,
} from '@ordersync/core'

// Gathers the orders that are ready together into one syncOrders call, so that a platform that
// takes batches gets batches, and every shared behaviour (validation, prepare, batch splitting,
// the transport's retries and token refresh, hearing of requests in doubt) is core's. Right
// before each request it checks that every job of the batch still serves its order (the fence):
// a job that lost its lock, or whose order another job now serves, is left out of the request.
// The run is aborted when a job of the batch loses its lock (one request carries the batch), and
// it notes which orders rode on a request that may still land. Every send resolves, aborted or
// not: a job never waits on an order the run did not reach.

/**
 * Runs one call to the platform once the platform's rate limit lets it start (see
 * `platform-rate-limiter.ts`); rejects when `signal` aborts the wait.
 */
export type ThrottleCall = <T>(
  signal: AbortSignal | undefined,
  call: () => Promise<T>,
) => Promise<T>

/** One job's send of one version. */
export interface FencedSend {
  readonly order: OrderInput
  readonly orderId: string
  /**
   * Right before a request carries the order: the Redis time when the job still serves it, or
   * why it does not — `key` (another job serves the order) or `lock` (the job's lock was lost).
   */
  readonly fence: () => Promise<number | 'key' | 'lock'>
  /** Aborted when the job's lock is lost: the request carrying it is abandoned. */
  readonly signal: AbortSignal
}

/** What a send came to, with what the batcher learnt on the way. */
export interface FencedSendOutcome {
  /** Core's result for the order. */
  readonly result: OrderSyncResult
  /** The Redis time of the last fence passed: every request carrying the order started after it. `undefined`: none was sent. */
  readonly fencedAt: number | undefined
  /** Why a fence failed, if one did. */
  readonly lost: 'key' | 'lock' | undefined
  /** Whether a request carrying the order ended without an answer that settles it. */
  readonly inDoubt: boolean
  /** Whether a later request of the same send went after the one in doubt. */
  readonly overtakes: boolean
}

interface Tracked {
  readonly send: FencedSend
  readonly resolve: (outcome: FencedSendOutcome) => void
  readonly reject: (error: unknown) => void
  fencedAt: number | undefined
  lost: 'key' | 'lock' | undefined
  inDoubt: boolean
  overtakes: boolean
}

/** What a send came to: core's result, with what the batcher noted of the order's requests. */
function outcomeOf(entry: Tracked, result: OrderSyncResult): FencedSendOutcome {
  return {
    result,
    fencedAt: entry.fencedAt,
    lost: entry.lost,
    inDoubt: entry.inDoubt,
    overtakes: entry.overtakes,
  }
}

/** The failure of an order left out of a request: its job no longer serves it. */
function notServedError(platform: string): OrderSyncError {
  return new OrderSyncError(
    'not sent: the job no longer serves this order (its lock ran out, or another job serves it)',
    { platform },
  )
}

/**
 * The platform's `doSync` behind the fence: the orders whose jobs still serve them go to the
 * platform, with core's options and an `onInDoubt` that also notes them; the others fail unsent.
 */
async function doFencedSync<Payload>(
  client: OrderSyncPlatformV1<Payload>,
  byId: ReadonlyMap<string, Tracked>,
  batch: readonly PreparedOrder<Payload>[],
  options: DoSyncOptions<Payload>,
): Promise<readonly DoSyncOutcome[]> {
  const tracked = batch.map((prepared) => byId.get(prepared.orderId) as Tracked)
  const fences = await Promise.all(tracked.map((entry) => entry.send.fence()))
  const owned: number[] = []
  fences.forEach((fence, position) => {
    const entry = tracked[position] as Tracked
    if (typeof fence === 'number') {
      entry.fencedAt = fence
      owned.push(position)
    } else entry.lost = fence
  })
  const outcomes: DoSyncOutcome[] = batch.map(() => ({
    status: 'failed',
    error: notServedError(client.platform),
  }))
  if (owned.length === 0) return outcomes
  const sending = owned.map((position) => tracked[position] as Tracked)
  const holds = options.holds
  const answer = await client.doSync(
    owned.map((position) => batch[position] as PreparedOrder<Payload>),
    {
      ...options,
      ...(holds === undefined || owned.length === batch.length
        ? {}
        : { holds: owned.map((position) => holds[position]) }),
      // The signal is core's as it came: core hears of requests in doubt through it.
      // A platform that reports doubt itself is taken to have sent more after it.
      onInDoubt: () => {
        for (const entry of sending) {
          entry.inDoubt = true
          entry.overtakes = true
        }
        options.onInDoubt?.()
      },
    },
  )
  // A malformed answer goes to core as it is: core fails the whole batch as uncertain.
  if (owned.length === batch.length || !Array.isArray(answer) || answer.length !== owned.length) {
    return answer
  }
  owned.forEach((position, index) => {
    outcomes[position] = answer[index] as DoSyncOutcome
  })
  return outcomes
}

/**
 * The version store of one batch's run. The queue keeps versions in Redis, across runs and
 * workers, so this store claims every send and asks for no repair of its own; it only hears from
 * core which orders rode on a request that may still land.
 */
function doubtRecorder(byId: ReadonlyMap<string, Tracked>): VersionStore {
  const byKey = new Map<string, Tracked>()
  return {
    async claim(key, version) {
      const entry = byId.get(version.prepared.orderId)
      if (entry !== undefined) byKey.set(key, entry)
      return { state: 'send', claim: key }
    },
    async settle(key, _claim, settlement) {
      const entry = byKey.get(key)
      if (entry !== undefined && settlement.inDoubtUntil !== undefined) {
        entry.inDoubt = true
        if (settlement.overtakes) entry.overtakes = true
      }
      return undefined
    },
  }
}

/**
 * Creates the batcher of one platform client: `send` resolves with the send's outcome once core
 * has a result for the order.
 *
 * @param client - The platform client.
 * @param windowMs - How long to wait for more orders before sending.
 * @param closing - Aborted when the worker closes with `force`.
 * @param throttle - The gate of the platform's rate limit, before each call (and its fences).
 */
export function createFencedBatcher<Payload>(
  client: OrderSyncPlatformV1<Payload>,
  windowMs: number,
  closing: AbortSignal,
  throttle: ThrottleCall = (_signal, call) => call(),
): (send: FencedSend) => Promise<FencedSendOutcome> {
  let waiting: Tracked[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    // One entry per order id in a call, so that each request's orders map to their jobs; a second
    // job of the same order (a duplicate about to find itself obsolete) waits for the next call.
    const byId = new Map<string, Tracked>()
    const later: Tracked[] = []
    for (const entry of waiting) {
      if (byId.has(entry.send.orderId)) later.push(entry)
      else byId.set(entry.send.orderId, entry)
    }
    waiting = later
    if (later.length > 0) timer = setTimeout(flush, windowMs)
    const batch = [...byId.values()]
    if (batch.length === 0) return
    const platform: OrderSyncPlatformV1<Payload> = {
      specificationVersion: 'v1',
      platform: client.platform,
      maxBatchSize: client.maxBatchSize,
      prepare: (order) => client.prepare(order),
      doSync: (prepared, options) =>
        throttle(options.signal, () => doFencedSync(client, byId, prepared, options)),
    }
    syncOrders({
      platform,
      orders: batch.map((entry) => entry.send.order),
      concurrency: 1,
      keepResults: 'none',
      signal: AbortSignal.any([closing, ...batch.map((entry) => entry.send.signal)]),
      versionStore: doubtRecorder(byId),
      onResult: (result) => {
        const entry = batch[result.index]
        entry?.resolve(outcomeOf(entry, result))
      },
    }).then(
      () => {
        // An aborted run (a job of the batch lost its lock, or the worker closes with force) reads
        // no further, so an order it never reached has no result: it comes back skipped, and its
        // job hands it back instead of waiting forever (and holding up the worker's close). The
        // orders that had a result keep it: a promise settles once.
        for (const [index, entry] of batch.entries()) {
          entry.resolve(
            outcomeOf(entry, {
              index,
              orderId: entry.send.orderId,
              status: 'skipped',
              reason: 'aborted',
              warnings: [],
            }),
          )
        }
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error)
      },
    )
  }
  return (send) =>
    new Promise((resolve, reject) => {
      waiting.push({
        send,
        resolve,
        reject,
        fencedAt: undefined,
        lost: undefined,
        inDoubt: false,
        overtakes: false,
      })
      if (waiting.length >= client.maxBatchSize) flush()
      else timer ??= setTimeout(flush, windowMs)
    })
}
