import { createRecencyMap } from './recency-map.ts'

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
 * Creates a {@link VersionWindow}: a {@link createRecencyMap | recency map} of `modifiedAt` by id.
 * An id accepted again becomes the newest; when more than `capacity` ids are held, the id accepted
 * longest ago is forgotten. Every operation is O(1) amortized.
 *
 * @param capacity - How many ids to hold, an integer of at least 1.
 * @returns The window, empty.
 * @throws RangeError when `capacity` is not an integer of at least 1 (`syncOrders` checks
 *   `versionWindow` before, with an `InvalidArgumentError`).
 * @internal
 */
export function createVersionWindow(capacity: number): VersionWindow {
  const newest = createRecencyMap<number>(capacity)
  return { get: newest.get, remember: newest.touch, size: newest.size }
}
