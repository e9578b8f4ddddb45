// WeChat lets a payment's shipping change once after it is complete (重新发货), and orders uploads
// by upload_time only. Two versions of one order in flight at once — two runs of syncOrders
// sharing a version store may claim them — could land in either order, and an older one landing
// last would spend the re-shipment the newer one needs. So within one client object, the syncs of
// one payment run one after the other, and a version older than one already synced is not sent.

/**
 * What one client object knows of the payments it synced: the newest `modifiedAt` it synced per
 * payment (the last `capacity` payments), and a queue per payment, so that its syncs never overlap.
 *
 * @example
 * ```ts
 * const versions = createWechatShippingSentVersions(10_000)
 * await versions.serialize('4200…', undefined, async () => versions.claim('4200…', Date.now()))
 * ```
 */
export interface WechatShippingSentVersions {
  /**
   * Runs `work` once every earlier sync of the payment in this client has ended; an abort of
   * `signal` while waiting rejects with its reason, and nothing runs.
   */
  serialize<T>(key: string, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T>
  /**
   * Takes the version in: `undefined` when it is the newest synced for the payment (it is then
   * remembered), else the newer `modifiedAt` already synced.
   */
  claim(key: string, modifiedAt: number): number | undefined
}

/** Waits for `previous`, or rejects as soon as `signal` aborts. */
function waitFor(previous: Promise<unknown>, signal: AbortSignal | undefined): Promise<void> {
  const settled = previous.then(
    () => undefined,
    () => undefined,
  )
  if (signal === undefined) return settled
  signal.throwIfAborted()
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    void settled.then(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    })
  })
}

/**
 * Creates the memory of one client object.
 *
 * @param capacity - How many payments it remembers (the longest unused are forgotten first).
 * @returns The memory.
 * @example
 * ```ts
 * const versions = createWechatShippingSentVersions(2)
 * versions.claim('a', 2) // undefined: the newest
 * versions.claim('a', 1) // 2: older than the version synced before
 * ```
 */
export function createWechatShippingSentVersions(capacity: number): WechatShippingSentVersions {
  const newest = new Map<string, number>()
  const queues = new Map<string, Promise<unknown>>()
  return {
    async serialize(key, signal, work) {
      const previous = queues.get(key)
      const run = (previous === undefined ? Promise.resolve() : waitFor(previous, signal)).then(
        () => {
          signal?.throwIfAborted()
          return work()
        },
      )
      // The next sync waits for this one and, should this one stop waiting (an abort), for the
      // one before it too.
      const done = Promise.allSettled(previous === undefined ? [run] : [previous, run])
      queues.set(key, done)
      try {
        return await run
      } finally {
        void done.then(() => {
          if (queues.get(key) === done) queues.delete(key)
        })
      }
    },
    claim(key, modifiedAt) {
      const known = newest.get(key)
      if (known !== undefined && modifiedAt < known) return known
      newest.delete(key)
      newest.set(key, modifiedAt)
      if (newest.size > capacity) {
        const oldest = newest.keys().next().value
        if (oldest !== undefined) newest.delete(oldest)
      }
      return undefined
    },
  }
}
