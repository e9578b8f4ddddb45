// WeChat lets a payment's shipping change once after it is complete (重新发货), and orders uploads
// by upload_time only. Two versions of one order in flight at once — two runs of syncOrders
// sharing a version store may claim them — could land in either order, and an older one landing
// last would spend the re-shipment the newer one needs. So within one client object, the syncs of
// one payment run one after the other, and a version older than one already synced is not sent.
// It also remembers the last upload_time it sent per payment, which get_order may not show (a
// parcel an upload leaves unchanged may keep its old time): the next correction then moves past it.

import type { WechatShippingSentUpload } from './plan-wechat-shipping-upload.ts'

/**
 * What one client object knows of the payments it synced: the newest `modifiedAt` it synced and
 * the last upload WeChat took from it, per payment (the last `capacity` payments), and a queue per
 * payment, so that its syncs never overlap.
 *
 * @example
 * ```ts
 * const versions = createWechatShippingSentVersions(10_000)
 * await versions.serialize('4200…', undefined, async () => versions.claim('4200…', Date.now()))
 * versions.sent('4200…') // undefined until remember('4200…', { uploadAt, shipmentAt })
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
  /** The last upload of the payment WeChat took from this client, if it is remembered. */
  sent(key: string): WechatShippingSentUpload | undefined
  /** Remembers an upload WeChat took. */
  remember(key: string, upload: WechatShippingSentUpload): void
}

/** What the memory holds of one payment. */
interface PaymentMemory {
  newest?: number
  sent?: WechatShippingSentUpload
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
  const payments = new Map<string, PaymentMemory>()
  const queues = new Map<string, Promise<unknown>>()
  // The entry of a payment, touched: the payments longest unused are forgotten first.
  const touch = (key: string): PaymentMemory => {
    const entry = payments.get(key) ?? {}
    payments.delete(key)
    payments.set(key, entry)
    if (payments.size > capacity) {
      const oldest = payments.keys().next().value
      if (oldest !== undefined) payments.delete(oldest)
    }
    return entry
  }
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
      const known = payments.get(key)?.newest
      if (known !== undefined && modifiedAt < known) return known
      touch(key).newest = modifiedAt
      return undefined
    },
    sent: (key) => payments.get(key)?.sent,
    remember(key, upload) {
      touch(key).sent = upload
    },
  }
}
