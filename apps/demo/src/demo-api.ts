import { AsyncLocalStorage } from 'node:async_hooks'
import {
  formatIssuePath,
  type OrderInput,
  type OrderSyncError,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  type RetryOptions,
  redacted,
  type SyncReport,
  type SyncWarning,
  syncOrders,
  type TransportHooks,
  UnsupportedMappingError,
  ValidationError,
  validateOrder,
} from '@ordersync/core'
import type { FaultAction, Sandbox } from '@ordersync/sandbox'
import type {
  BatchStatus,
  BootstrapResponse,
  ExchangeEntry,
  FaultId,
  FaultInfo,
  PathIssue,
  PlatformPreview,
  PreviewResponse,
  SyncResponse,
  SyncResultView,
} from './demo-api-types.ts'
import { type DemoSample, demoSamples } from './demo-samples.ts'
import { generateBatchOrders } from './generate-batch-orders.ts'
import type { DemoPlatform } from './platform-registry.ts'

/**
 * The retry settings of the demo's clients: three attempts, short waits so that a retry shows
 * within a second, and an attempt timeout the timeout switch's delay is well beyond.
 */
const demoRetry: RetryOptions = {
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
const faultIds = Object.keys(faultLabels) as FaultId[]
const faultEndpointOf = (platform: DemoPlatform): string =>
  platform.faultEndpoint ?? platform.syncEndpoint
/** The sandbox's fault for the platform's retryable "busy" answer. */
const busyOf = (platform: DemoPlatform): FaultAction => {
  const { status, body } = platform.faults.retryable
  return status === undefined ? { type: 'body', body } : { type: 'body', body, status }
}

/** A request the page made that the server cannot serve: its status and message. */
export class DemoRequestError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'DemoRequestError'
    this.status = status
  }
}

/** What the demo server does for the page, over the SDK and the sandbox. */
export interface DemoApi {
  bootstrap(): BootstrapResponse
  preview(order: unknown): PreviewResponse
  sync(platform: string, order: unknown): Promise<SyncResponse>
  setFaults(platform: string, faults: unknown): readonly FaultId[]
  startBatch(platform: string, count: unknown, outage: unknown): BatchStatus
  batchStatus(id: string): BatchStatus
}

function issuesOf(error: OrderSyncError): PathIssue[] {
  if (ValidationError.isInstance(error)) {
    return error.issues.map((issue) => ({
      path: formatIssuePath(issue.path),
      message: issue.message,
      code: issue.code,
    }))
  }
  if (UnsupportedMappingError.isInstance(error)) {
    return [
      { path: formatIssuePath(error.path), message: error.reason, code: 'unsupported_mapping' },
    ]
  }
  return []
}

function warningsOf(warnings: readonly SyncWarning[]): PathIssue[] {
  return warnings.map((warning) => ({
    path: formatIssuePath(warning.path),
    message: warning.message,
    code: warning.code,
  }))
}

function valueAt(payload: unknown, path: string): string {
  let value: unknown = payload
  for (const segment of path.split(/[.[\]]+/).filter((part) => part !== '')) {
    if (typeof value !== 'object' || value === null) return '(absent)'
    value = (value as Record<string, unknown>)[segment]
  }
  if (value === undefined) return '(absent)'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The phone numbers of an order (the buyer's, the recipient's, the store's), as given. */
function phonesOf(order: unknown): string[] {
  const at = (...path: string[]): unknown =>
    path.reduce<unknown>(
      (value, key) =>
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined,
      order,
    )
  return [
    at('buyer', 'phone'),
    at('delivery', 'address', 'phone'),
    at('merchant', 'store', 'phone'),
  ].filter((phone): phone is string => typeof phone === 'string' && phone !== '')
}

/**
 * A payload or a stored order with the order's phone numbers replaced by `[redacted]`, as the SDK
 * redacts them in what its hooks report: the page shows no phone number the SDK would hide.
 */
function withoutPhones(value: unknown, phones: readonly string[]): unknown {
  if (phones.length === 0) return value
  if (Array.isArray(value)) return value.map((item) => withoutPhones(item, phones))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withoutPhones(item, phones)]),
    )
  }
  return typeof value === 'string' && phones.includes(value) ? redacted : value
}

/**
 * Creates the demo's API over a running sandbox: one long-lived client per platform (so tokens
 * are cached between syncs and a token refresh can be seen), whose hooks record each sync's
 * exchange.
 *
 * @param sandbox - The running sandbox, serving every platform of the demo.
 * @param platforms - The demo's platforms (their descriptors).
 * @returns The API the HTTP server exposes.
 */
export function createDemoApi(sandbox: Sandbox, platforms: readonly DemoPlatform[]): DemoApi {
  const samples: readonly DemoSample[] = demoSamples(platforms)
  // Each sync runs with its own exchange list in this storage; the shared clients' hooks append
  // to whichever list the current call belongs to (none for a batch).
  const exchange = new AsyncLocalStorage<ExchangeEntry[]>()
  const record = (entry: ExchangeEntry): void => {
    exchange.getStore()?.push(entry)
  }
  const hooks: TransportHooks = {
    onRequest: (event) =>
      record({
        kind: 'request',
        endpoint: event.endpoint,
        attempt: event.attempt,
        method: event.method,
        url: event.url,
        headers: event.headers,
        body: event.body,
      }),
    onResponse: (event) =>
      record({
        kind: 'response',
        endpoint: event.endpoint,
        attempt: event.attempt,
        status: event.status,
        outcome: event.outcome,
        durationMs: Math.round(event.durationMs),
        body: event.body,
      }),
    onRetry: (event) =>
      record({
        kind: 'retry',
        endpoint: event.endpoint,
        attempt: event.attempt,
        delayMs: Math.round(event.delayMs),
        reason: event.reason,
      }),
    onError: (event) =>
      record({ kind: 'error', endpoint: event.endpoint, message: event.error.message }),
  }
  const entries = new Map<string, { platform: DemoPlatform; client: OrderSyncPlatformV1 }>()
  for (const platform of platforms) {
    entries.set(platform.id, {
      platform,
      client: platform.createClient(sandbox, { retry: demoRetry, hooks }),
    })
  }
  const activeFaults = new Map<string, Set<FaultId>>(platforms.map((p) => [p.id, new Set()]))
  const batches = new Map<string, BatchStatus>()
  let batchCount = 0

  const entryOf = (id: string) => {
    const entry = entries.get(id)
    if (entry === undefined) throw new DemoRequestError(404, `no platform "${id}" in the demo`)
    return entry
  }

  const faultsOf = (platform: DemoPlatform): FaultInfo[] =>
    faultIds.map((id) => ({
      id,
      label: faultLabels[id],
      description: faultDescription(id, faultEndpointOf(platform)),
      ...(id === 'token_expired' && platform.auth === 'signature'
        ? {
            unavailable: `${platform.label} signs every request instead of using an access token: there is no token to expire.`,
          }
        : {}),
    }))

  // Arms the switched-on faults for one sync through the sandbox's control API, and says so in
  // the exchange.
  const armFaults = (platform: DemoPlatform, log: ExchangeEntry[]): void => {
    for (const fault of activeFaults.get(platform.id) ?? []) {
      const endpoint = faultEndpointOf(platform)
      log.push({ kind: 'fault', fault, description: faultDescription(fault, endpoint) })
      const target = { platform: platform.id, endpoint, times: 1 }
      if (fault === 'token_expired') sandbox.control.invalidateTokens(platform.id)
      else if (fault === 'busy') {
        sandbox.control.injectFault({ ...target, action: busyOf(platform) })
      } else if (fault === 'timeout') {
        sandbox.control.injectFault({
          ...target,
          action: { type: 'delay', ms: timeoutFaultDelayMs },
        })
      } else sandbox.control.injectFault({ ...target, action: { type: 'drop' } })
    }
  }

  const viewOf = (platform: DemoPlatform, result: OrderSyncResult | undefined): SyncResultView => {
    if (result === undefined) {
      return { status: 'skipped', message: 'no result', platformIds: {}, warnings: [], errors: [] }
    }
    if (result.status === 'succeeded') {
      return {
        status: 'succeeded',
        message: result.accepted
          ? 'Accepted by the platform for later processing'
          : 'Stored by the platform',
        platformIds: result.platformIds,
        warnings: warningsOf(result.warnings),
        errors: [],
      }
    }
    if (result.status === 'skipped') {
      return {
        status: 'skipped',
        message: `Not sent (${result.reason})`,
        platformIds: {},
        warnings: warningsOf(result.warnings),
        errors: [],
      }
    }
    return {
      status:
        platform.isNotReportableYet?.(result.error) === true ? 'not_reportable_yet' : 'failed',
      message: result.error.message,
      delivery: result.delivery,
      platformIds: {},
      warnings: warningsOf(result.warnings),
      errors: issuesOf(result.error),
    }
  }

  return {
    bootstrap: () => ({
      platforms: platforms.map((platform) => ({
        id: platform.id,
        label: platform.label,
        auth: platform.auth,
        syncEndpoint: platform.syncEndpoint,
        faultEndpoint: faultEndpointOf(platform),
        ...(platform.tokenEndpoint === undefined ? {} : { tokenEndpoint: platform.tokenEndpoint }),
        faults: faultsOf(platform),
        activeFaults: [...(activeFaults.get(platform.id) ?? [])],
      })),
      samples: samples.map((sample) => ({ ...sample })),
    }),

    preview: (input) => {
      const validation = validateOrder(input)
      if (!validation.success) return { valid: false, issues: issuesOf(validation.error) }
      const previews: PlatformPreview[] = []
      for (const { platform, client } of entries.values()) {
        try {
          const prepared = client.prepare(validation.order)
          previews.push({
            platform: platform.id,
            state: 'ready',
            keyFields: platform.keyFields.map((path) => ({
              path,
              value: valueAt(prepared.payload, path),
            })),
            payload: withoutPhones(prepared.payload, phonesOf(input)),
            warnings: warningsOf(prepared.warnings),
          })
        } catch (error) {
          const known = error as OrderSyncError
          previews.push({
            platform: platform.id,
            state: platform.isNotReportableYet?.(error) === true ? 'not_reportable_yet' : 'refused',
            message: error instanceof Error ? error.message : String(error),
            errors: error instanceof Error ? issuesOf(known) : [],
          })
        }
      }
      return { valid: true, platforms: previews }
    },

    sync: async (id, order) => {
      const { platform, client } = entryOf(id)
      const log: ExchangeEntry[] = []
      armFaults(platform, log)
      let report: SyncReport
      try {
        // Whatever the editor holds: syncOrders validates it and reports every problem.
        const orders = [order as OrderInput]
        report = await exchange.run(log, () => syncOrders({ platform: client, orders }))
      } finally {
        // A fault the sync never reached (an order refused before sending) must not hit the next one.
        sandbox.control.clearFaults(platform.id)
      }
      const result = report.results[0]
      const orderId = result?.orderId
      const stored =
        orderId === undefined
          ? undefined
          : sandbox.control.orders(id).get(platform.storeKey?.(orderId) ?? orderId)
      return {
        platform: id,
        orderId,
        result: viewOf(platform, result),
        exchange: log,
        stored: stored === undefined ? null : withoutPhones(stored, phonesOf(order)),
      }
    },

    setFaults: (id, faults) => {
      const { platform } = entryOf(id)
      if (!Array.isArray(faults) || faults.some((fault) => !faultIds.includes(fault))) {
        throw new DemoRequestError(400, `faults must be a list of ${faultIds.join(', ')}`)
      }
      const wanted = new Set(faults as FaultId[])
      if (wanted.has('token_expired') && platform.auth === 'signature') {
        throw new DemoRequestError(400, `${platform.label} has no access token to expire`)
      }
      activeFaults.set(id, wanted)
      return [...wanted]
    },

    startBatch: (id, count, outage) => {
      const { platform, client } = entryOf(id)
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 2000) {
        throw new DemoRequestError(400, 'count must be a whole number from 1 to 2000')
      }
      if (typeof outage !== 'boolean')
        throw new DemoRequestError(400, 'outage must be true or false')
      batchCount += 1
      const batchId = `batch-${batchCount}`
      let status: BatchStatus = {
        id: batchId,
        platform: platform.id,
        total: count,
        outage,
        done: 0,
        succeeded: 0,
        failed: 0,
        uncertain: 0,
        finished: false,
        failures: [],
      }
      const update = (change: Partial<BatchStatus>): void => {
        status = { ...status, ...change }
        batches.set(batchId, status)
      }
      update({})
      const orders = generateBatchOrders(platform, count, batchCount)
      const failures: BatchStatus['failures'][number][] = []
      const run = async (): Promise<void> => {
        if (outage) {
          // Every attempt of the first call is dropped: the orders it carries end uncertain. One
          // call at a time, so that the outage hits exactly the first call, every run.
          // On the call that stores the orders (not a read before it), so that they end uncertain.
          sandbox.control.injectFault({
            platform: platform.id,
            endpoint: platform.syncEndpoint,
            action: { type: 'drop' },
            times: demoRetry.maxAttempts ?? 1,
          })
        }
        const report = await syncOrders({
          platform: client,
          orders,
          concurrency: outage ? 1 : 4,
          keepResults: 'none',
          onResult: (result) => {
            if (result.status === 'failed' && failures.length < 10) {
              failures.push({
                orderId: result.orderId,
                delivery: result.delivery,
                message: result.error.message,
              })
            }
          },
          onProgress: (progress) =>
            update({
              done: progress.done,
              succeeded: progress.succeeded,
              failed: progress.failed,
              uncertain: progress.uncertain,
              failures: [...failures],
            }),
        })
        update({
          done: report.succeeded + report.failed + report.skipped,
          succeeded: report.succeeded,
          failed: report.failed,
          uncertain: report.uncertain,
          failures: [...failures],
          finished: true,
        })
      }
      run()
        .catch((error: unknown) => {
          failures.push({
            orderId: undefined,
            delivery: undefined,
            message: error instanceof Error ? error.message : String(error),
          })
          update({ finished: true, failures: [...failures] })
        })
        .finally(() => {
          if (outage) sandbox.control.clearFaults(platform.id)
        })
      return status
    },

    batchStatus: (id) => {
      const status = batches.get(id)
      if (status === undefined) throw new DemoRequestError(404, `no batch "${id}"`)
      return status
    },
  }
}
