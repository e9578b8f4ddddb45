import { checkFaultSpec } from './check-fault-spec.ts'
import type { SandboxControl } from './sandbox-control.ts'
import type { SandboxRouteTable } from './sandbox-routes.ts'
import type { FaultAction, FaultSpec, RequestLogEntry, SandboxRoute } from './sandbox-types.ts'

/** The bounds of a sandbox's request log. */
export interface SandboxLogLimits {
  readonly maxLogEntries: number
  readonly maxLogBytes: number
}

/**
 * What a running sandbox holds: the stores, the request logs and counters, the faults, and the
 * {@link SandboxControl} over them.
 */
export interface SandboxState {
  readonly control: SandboxControl
  /** The sandbox's seeded random source (faults with a probability, module answers). */
  readonly random: () => number
  /** Bumped by `reset()`: a request that arrived before a reset is not answered after it. */
  generation(): number
  /** The store of a platform's module. */
  store(platform: string): Map<string, unknown>
  /** Counts a request to a route under each platform that serves it (token requests apart). */
  count(platforms: readonly string[], route: SandboxRoute): void
  /**
   * The next fault to apply to a request at `endpoint` of a route the `platforms` serve, if one
   * matches: the faults of the first platform first.
   */
  takeFault(platforms: readonly string[], endpoint: string): FaultAction | undefined
  /**
   * Logs a request in the log of each platform that serves its route (one entry, `platform` the
   * first of them), dropping the oldest entries until both bounds of each log hold.
   */
  appendLog(entry: RequestLogEntry, platforms: readonly string[]): void
}

interface ActiveFault {
  readonly spec: FaultSpec
  remaining: number
  applied: number
}

/** The state of a sandbox that serves the modules of `table`. */
export function createSandboxState(
  table: SandboxRouteTable,
  random: () => number,
  limits: SandboxLogLimits,
): SandboxState {
  const stores = new Map<string, Map<string, unknown>>()
  for (const platform of table.modules.keys()) stores.set(platform, new Map())
  const logs = new Map<string, RequestLogEntry[]>()
  const logBytes = new Map<string, number>()
  const counters = new Map<string, { requests: Record<string, number>; tokenRequests: number }>()
  const faults = new Map<string, ActiveFault[]>()
  let generation = 0

  const countersOf = (platform: string) => {
    let entry = counters.get(platform)
    if (entry === undefined) {
      entry = { requests: {}, tokenRequests: 0 }
      counters.set(platform, entry)
    }
    return entry
  }

  /** Logs an entry in one platform's log, dropping the oldest until both bounds hold. */
  const appendTo = (platform: string, entry: RequestLogEntry): void => {
    const list = logs.get(platform) ?? []
    list.push(entry)
    // Oldest first out, until both bounds hold.
    let bytes = (logBytes.get(platform) ?? 0) + entrySize(entry)
    let drop = 0
    while (
      drop < list.length &&
      (list.length - drop > limits.maxLogEntries || bytes > limits.maxLogBytes)
    ) {
      bytes -= entrySize(list[drop])
      drop += 1
    }
    if (drop > 0) list.splice(0, drop)
    logs.set(platform, list)
    logBytes.set(platform, bytes)
  }

  const control: SandboxControl = {
    orders: (platform) => stores.get(platform) ?? new Map(),
    log: (platform) =>
      platform === undefined
        ? // An entry of a shared route sits in several platforms' logs: listed once.
          [...new Set([...logs.values()].flat())].sort((a, b) => a.at - b.at)
        : (logs.get(platform) ?? []),
    counters: (platform) => {
      const entry = countersOf(platform)
      return { requests: { ...entry.requests }, tokenRequests: entry.tokenRequests }
    },
    injectFault(given) {
      const spec = checkFaultSpec(given, table.endpointsByPlatform)
      const fault: ActiveFault = { spec, remaining: spec.times ?? 1, applied: 0 }
      const list = faults.get(spec.platform) ?? []
      list.push(fault)
      faults.set(spec.platform, list)
      return {
        get applied() {
          return fault.applied
        },
        clear() {
          fault.remaining = 0
        },
      }
    },
    clearFaults(platform) {
      if (platform === undefined) faults.clear()
      else faults.delete(platform)
    },
    invalidateTokens(platform) {
      table.modules.get(platform)?.invalidateTokens?.()
    },
    reset() {
      // Requests still in flight from before (a delayed answer) belong to the old state: they are
      // dropped instead of being stored or logged into the new one.
      generation += 1
      for (const store of stores.values()) store.clear()
      logs.clear()
      logBytes.clear()
      counters.clear()
      faults.clear()
      for (const module of table.modules.values()) module.reset?.()
    },
  }

  return {
    control,
    random,
    generation: () => generation,
    store: (platform) => stores.get(platform) as Map<string, unknown>,
    count(platforms, route) {
      for (const platform of platforms) {
        const entry = countersOf(platform)
        if (route.kind === 'token') entry.tokenRequests += 1
        else entry.requests[route.path] = (entry.requests[route.path] ?? 0) + 1
      }
    },
    takeFault(platforms, endpoint) {
      for (const fault of platforms.flatMap((platform) => faults.get(platform) ?? [])) {
        if (fault.remaining <= 0) continue
        if (fault.spec.endpoint !== undefined && fault.spec.endpoint !== endpoint) continue
        if (fault.spec.probability !== undefined && random() >= fault.spec.probability) continue
        fault.remaining -= 1
        fault.applied += 1
        return fault.spec.action
      }
      return undefined
    },
    appendLog(entry, platforms) {
      for (const platform of platforms) appendTo(platform, entry)
    },
  }
}

/** The bytes an entry holds in the log (its body and query). */
function entrySize(entry: RequestLogEntry | undefined): number {
  return entry === undefined ? 0 : Buffer.byteLength(entry.body) + entry.query.length
}
