/**
 * The newest `modifiedAt` accepted for each of the last `capacity` distinct order ids, so that a
 * run refuses a stale version while its memory stays bounded in a backfill of millions.
 */
export interface VersionWindow {
  /** The newest `modifiedAt` accepted for `id`, if the window still holds it. */
  readonly get: (id: string) => number | undefined
  /** Records `modifiedAt` as the newest version of `id`; `id` becomes the newest id. */
  readonly remember: (id: string, modifiedAt: number) => void
  /** How many ids the window holds. */
  readonly size: () => number
}

/**
 * Creates a {@link VersionWindow}. An id accepted again becomes the newest; when more than
 * `capacity` ids are held, the one accepted longest ago is forgotten. Every operation is O(1)
 * amortized.
 *
 * The window keeps its own queue of acceptances instead of evicting through a `Map`'s insertion
 * order. Deleting a Map's first entry leaves a hole that V8 walks past on every later
 * `keys().next()` until the table is rebuilt: evicting that way cost about 28 µs per order once a
 * 100,000-id window was full (measured over 1,000,000 ids), against 0.4 µs before it was.
 *
 * @internal
 */
export function createVersionWindow(capacity: number): VersionWindow {
  /** Per id: its newest `modifiedAt` and the stamp of its latest acceptance. */
  const latest = new Map<string, { modifiedAt: number; stamp: number }>()
  // Acceptances in order, from `head` on. One whose stamp is no longer its id's is stale.
  let ids: string[] = []
  let stamps: number[] = []
  let head = 0
  let nextStamp = 0

  const isLive = (id: string, stamp: number | undefined): boolean => latest.get(id)?.stamp === stamp

  // Keeps the queue within twice the live ids plus a constant, so that neither one id accepted
  // again and again nor a long run of evictions grows it; a compaction costs what the pushes
  // since the last one did.
  const compact = (): void => {
    if (ids.length - head > 2 * latest.size + 1024) {
      const liveIds: string[] = []
      const liveStamps: number[] = []
      for (let index = head; index < ids.length; index += 1) {
        const id = ids[index] as string
        const stamp = stamps[index] as number
        if (isLive(id, stamp)) {
          liveIds.push(id)
          liveStamps.push(stamp)
        }
      }
      ids = liveIds
      stamps = liveStamps
      head = 0
    } else if (head > 1024 && head * 2 > ids.length) {
      ids = ids.slice(head)
      stamps = stamps.slice(head)
      head = 0
    }
  }

  return {
    get: (id) => latest.get(id)?.modifiedAt,
    remember(id, modifiedAt) {
      const stamp = nextStamp
      nextStamp += 1
      const known = latest.get(id)
      if (known === undefined) latest.set(id, { modifiedAt, stamp })
      else {
        known.modifiedAt = modifiedAt
        known.stamp = stamp
      }
      ids.push(id)
      stamps.push(stamp)
      // Every live id has its latest stamp in the queue, so this stops before the queue ends.
      while (latest.size > capacity) {
        const oldest = ids[head] as string
        const oldestStamp = stamps[head]
        head += 1
        if (isLive(oldest, oldestStamp)) latest.delete(oldest)
      }
      compact()
    },
    size: () => latest.size,
  }
}
