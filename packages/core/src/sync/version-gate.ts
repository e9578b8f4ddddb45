import type { SyncWarning } from './platform-contract.ts'
import type { SyncEntry } from './sync-entry.ts'
import { createVersionWindow } from './version-window.ts'

/**
 * The versions of a run: never two versions of one order in flight, each sent in the order read,
 * and none older (by `modifiedAt`) than a version already accepted.
 */
export interface VersionGate<Payload> {
  /**
   * Takes an entry in: `ready` (nothing of its order in flight: send it), `waiting` (an earlier
   * version is in flight: it goes when that one completes), or `stale` with the warning that says
   * why (a newer version was accepted: never send it).
   */
  admit(
    entry: SyncEntry<Payload>,
  ):
    | { readonly state: 'ready' | 'waiting' }
    | { readonly state: 'stale'; readonly warning: SyncWarning }
  /** After an entry completed: the next version of its order, now ready, if one waits. */
  release(entry: SyncEntry<Payload>): SyncEntry<Payload> | undefined
  /** Every version still waiting, taken out (at the end of a run that stopped early). */
  drain(): SyncEntry<Payload>[]
}

/**
 * Creates the gate of a run. It remembers the newest `modifiedAt` of the last `versionWindow`
 * ids (so memory stays flat in a backfill of millions), the ids in flight, and the later
 * versions waiting for them in the order read.
 */
export function createVersionGate<Payload>(versionWindow: number): VersionGate<Payload> {
  const newest = createVersionWindow(versionWindow)
  const busy = new Set<string>()
  const waiting = new Map<string, SyncEntry<Payload>[]>()
  return {
    admit(entry) {
      const id = entry.prepared.orderId
      const modifiedAt = entry.modifiedAt
      if (modifiedAt !== undefined) {
        const known = newest.get(id)
        if (known !== undefined && modifiedAt < known) {
          return { state: 'stale', warning: staleWarning(id, known, modifiedAt) }
        }
        newest.remember(id, modifiedAt)
      }
      if (!busy.has(id)) {
        busy.add(id)
        return { state: 'ready' }
      }
      const queue = waiting.get(id)
      if (queue === undefined) waiting.set(id, [entry])
      else queue.push(entry)
      return { state: 'waiting' }
    },
    // Waiting versions were admitted in non-decreasing modifiedAt order (admit refuses older
    // ones), so the first one waiting is the next.
    release(entry) {
      const id = entry.prepared.orderId
      const queue = waiting.get(id)
      const next = queue?.shift()
      if (queue !== undefined && queue.length === 0) waiting.delete(id)
      if (next === undefined) busy.delete(id)
      return next
    },
    drain() {
      const entries = [...waiting.values()].flat()
      waiting.clear()
      return entries
    },
  }
}

function staleWarning(id: string, known: number, modifiedAt: number): SyncWarning {
  return {
    path: ['modifiedAt'],
    code: 'stale_version',
    message: `not sent: a newer version of order ${JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}…` : id)} (modifiedAt ${new Date(known).toISOString()}) is sent in this run, and this one (${new Date(modifiedAt).toISOString()}) would overwrite it`,
  }
}
