/**
 * A map that holds at most `capacity` keys, forgetting the one touched longest ago — except a key
 * whose value `canForget` refuses, which goes to the back and is looked at again later (so, while
 * every key is still needed, the map holds more than `capacity`).
 */
export interface RecencyMap<V> {
  readonly get: (key: string) => V | undefined
  /** Sets `value` for `key`, which becomes the key touched last; forgets the oldest beyond capacity. */
  readonly touch: (key: string, value: V) => void
  readonly size: () => number
}

/**
 * Creates a {@link RecencyMap}. Every operation is O(1) amortized, with one Map entry per key.
 *
 * The oldest key comes from an iterator over the Map's keys that lives across evictions. A Map
 * iterates in insertion order; `delete` only empties an entry and `set` of an absent key appends
 * one, and an iterator reads the entries as they are at each step (ECMA-262, CreateMapIterator and
 * Map.prototype.delete / set). Every entry behind the iterator is empty: it was forgotten when the
 * iterator passed it, emptied by a touch that appended the key again further on, or moved to the
 * back because it was still needed. So the iterator's next key is always the one touched longest
 * ago.
 *
 * Two costs of V8 shape this:
 * - A fresh `keys().next()` for each eviction walks past every emptied entry left at the front of
 *   the table: once a 100,000-key map was full, about 28 µs per touch (1,000,000 keys), against
 *   about 0.4 µs with the iterator kept.
 * - An iterator that is not advanced keeps alive every table the Map has since outgrown (in a run
 *   of touches of 1,000 keys, heap grew by about 100 MB per 1,000,000 touches). Touches of keys
 *   already held evict nothing, so after `1024 + size / 4` touches without an eviction the
 *   iterator is replaced by a fresh one. The fresh one's first step walks at most the table once,
 *   which those touches pay for.
 *
 * @param capacity - How many keys to hold, an integer of at least 1.
 * @param canForget - Whether a key may be forgotten now; always, when left out.
 * @returns The map, empty.
 * @throws RangeError when `capacity` is not an integer of at least 1.
 * @internal
 */
export function createRecencyMap<V>(
  capacity: number,
  canForget: (value: V) => boolean = () => true,
): RecencyMap<V> {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError(`a recency map holds at least 1 key, got ${String(capacity)}`)
  }
  const values = new Map<string, V>()
  // Advanced only while more than `capacity` keys are held, all of them ahead: never done.
  let oldestFirst = values.keys()
  // Touches since the iterator last moved.
  let idle = 0
  const forgetOldest = (): void => {
    // Each key is looked at once at most per eviction: the ones still needed go to the back.
    for (let looked = values.size; values.size > capacity && looked > 0; looked -= 1) {
      let oldest = oldestFirst.next()
      if (oldest.done === true) {
        // Not reached, by the reasoning above; should an engine differ, start at the front.
        oldestFirst = values.keys()
        oldest = oldestFirst.next()
      }
      const key = oldest.value as string
      const value = values.get(key) as V
      values.delete(key)
      if (!canForget(value)) values.set(key, value)
    }
  }
  return {
    get: (key) => values.get(key),
    touch(key, value) {
      values.delete(key)
      values.set(key, value)
      if (values.size > capacity) {
        idle = 0
        forgetOldest()
        return
      }
      idle += 1
      if (idle > 1024 + values.size / 4) {
        idle = 0
        oldestFirst = values.keys()
      }
    },
    size: () => values.size,
  }
}
