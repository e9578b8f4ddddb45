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
 * `capacity` ids are held, the id accepted longest ago is forgotten. Every operation is O(1)
 * amortized, and the window holds one Map entry per id.
 *
 * The oldest id comes from an iterator over the Map's keys that lives across evictions. A Map
 * iterates in insertion order; `delete` only empties an entry and `set` of an absent key appends
 * one, and an iterator reads the entries as they are at each step (ECMA-262, CreateMapIterator and
 * Map.prototype.delete / set). Every entry behind the iterator is empty: it was evicted when the
 * iterator passed it, or emptied by a re-acceptance that appended the id again further on. So the
 * iterator's next key is always the id accepted longest ago.
 *
 * Two costs of V8 shape this:
 * - A fresh `keys().next()` for each eviction walks past every emptied entry left at the front of
 *   the table: once a 100,000-id window was full, about 28 µs per order (1,000,000 ids), against
 *   about 0.4 µs with the iterator kept.
 * - An iterator that is not advanced keeps alive every table the Map has since outgrown (in a run
 *   of versions of 1,000 ids, heap grew by about 100 MB per 1,000,000 orders). A run that accepts
 *   versions of ids it already holds evicts nothing, so after `1024 + size / 4` acceptances
 *   without an eviction the iterator is replaced by a fresh one. The fresh one's first step walks
 *   at most the table once, which those acceptances pay for.
 *
 * @param capacity - How many ids to hold, an integer of at least 1.
 * @returns The window, empty.
 * @throws RangeError when `capacity` is not an integer of at least 1 (`syncOrders` checks
 *   `versionWindow` before, with an `InvalidArgumentError`).
 * @internal
 */
export function createVersionWindow(capacity: number): VersionWindow {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError(`a version window holds at least 1 id, got ${String(capacity)}`)
  }
  const newest = new Map<string, number>()
  // Advanced only while more than `capacity` ids are held, all of them ahead: never done.
  let oldestFirst = newest.keys()
  // Acceptances since the iterator last moved.
  let idle = 0
  return {
    get: (id) => newest.get(id),
    remember(id, modifiedAt) {
      newest.delete(id)
      newest.set(id, modifiedAt)
      if (newest.size > capacity) {
        idle = 0
        do {
          let oldest = oldestFirst.next()
          if (oldest.done === true) {
            // Not reached, by the reasoning above; should an engine differ, start at the front.
            oldestFirst = newest.keys()
            oldest = oldestFirst.next()
          }
          newest.delete(oldest.value as string)
        } while (newest.size > capacity)
        return
      }
      idle += 1
      if (idle > 1024 + newest.size / 4) {
        idle = 0
        oldestFirst = newest.keys()
      }
    },
    size: () => newest.size,
  }
}
