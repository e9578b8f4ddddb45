import type { RetryOptions } from '@ordersync/core'
import type { FaultAction, Sandbox } from '@ordersync/sandbox'
import type { ExchangeEntry, FaultId, FaultInfo } from './demo-api-types.ts'
import type { DemoPlatform } from './platform-registry.ts'

/**
 * The retry settings of the demo's clients: three attempts, short waits so that a retry shows
 * within a second, and an attempt timeout the timeout switch's delay is well beyond.
 */
export const demoRetry: RetryOptions = {
  maxAttempts: 3,
  initialDelayMs: 200,
  maxDelayMs: 1000,
  timeoutMs: 4000,
}
const timeoutFaultDelayMs = 8000

const faultLabels: Record<FaultId, string> = {
  token_expired: 'Token expired',
  busy: 'System busy',
  timeout: 'Timeout',
  drop: 'Dropped connection',
}

/** The fault switches, in the order the page lists them. */
export const faultIds = Object.keys(faultLabels) as FaultId[]

/** What a switch does to the next sync of a platform, whose first call is to `endpoint`. */
function faultDescription(fault: FaultId, endpoint: string): string {
  switch (fault) {
    case 'token_expired':
      return `Before each sync, the sandbox forgets every token it issued: the first call (${endpoint}) is rejected, the client fetches a new token and replays it once.`
    case 'busy':
      return `On each sync, the first attempt of ${endpoint} gets the platform’s retryable “busy” answer; the client retries.`
    case 'timeout':
      return `On each sync, the first attempt of ${endpoint} waits ${timeoutFaultDelayMs / 1000} s for an answer, beyond the client’s ${(demoRetry.timeoutMs ?? 0) / 1000} s attempt timeout; the client gives up on it and retries.`
    case 'drop':
      return `On each sync, the sandbox destroys the connection of the first attempt of ${endpoint} without an answer; the client retries.`
  }
}

/**
 * The path a platform's fault switches act on: the first call of every sync.
 *
 * @param platform - The platform's descriptor.
 * @returns Its fault endpoint, else its sync endpoint.
 */
export const faultEndpointOf = (platform: DemoPlatform): string =>
  platform.faultEndpoint ?? platform.syncEndpoint

/** The sandbox's fault for the platform's retryable "busy" answer. */
const busyOf = (platform: DemoPlatform): FaultAction => {
  const { status, body } = platform.faults.retryable
  return status === undefined ? { type: 'body', body } : { type: 'body', body, status }
}

/**
 * The fault switches of a platform, with what each does and why one cannot be used.
 *
 * @param platform - The platform's descriptor.
 * @returns The switches.
 */
export function faultsOf(platform: DemoPlatform): FaultInfo[] {
  return faultIds.map((id) => ({
    id,
    label: faultLabels[id],
    description: faultDescription(id, faultEndpointOf(platform)),
    ...(id === 'token_expired' && platform.auth === 'signature'
      ? {
          unavailable: `${platform.label} signs every request instead of using an access token: there is no token to expire.`,
        }
      : {}),
  }))
}

/**
 * Arms the switched-on faults for one sync through the sandbox's control API, and says so in the
 * sync's exchange. Each acts on the first attempt of the sync's first call (several on the same
 * call act on its first attempts in turn).
 *
 * @param sandbox - The running sandbox.
 * @param platform - The platform synced to.
 * @param faults - The switches that are on.
 * @param log - The sync's exchange.
 */
export function armFaults(
  sandbox: Sandbox,
  platform: DemoPlatform,
  faults: Iterable<FaultId>,
  log: ExchangeEntry[],
): void {
  const endpoint = faultEndpointOf(platform)
  for (const fault of faults) {
    log.push({ kind: 'fault', fault, description: faultDescription(fault, endpoint) })
    const target = { platform: platform.id, endpoint, times: 1 }
    if (fault === 'token_expired') sandbox.control.invalidateTokens(platform.id)
    else if (fault === 'busy') {
      sandbox.control.injectFault({ ...target, action: busyOf(platform) })
    } else if (fault === 'timeout') {
      sandbox.control.injectFault({ ...target, action: { type: 'delay', ms: timeoutFaultDelayMs } })
    } else sandbox.control.injectFault({ ...target, action: { type: 'drop' } })
  }
}
