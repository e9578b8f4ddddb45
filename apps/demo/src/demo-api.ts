import {
  type Order,
  type OrderInput,
  type OrderSyncError,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  type SyncReport,
  syncOrders,
  validateOrder,
} from '@ordersync/core'
import type { Sandbox } from '@ordersync/sandbox'
import type {
  BatchStatus,
  BootstrapResponse,
  ExchangeEntry,
  FaultId,
  MappingResponse,
  PlatformPreview,
  PreviewResponse,
  SyncResponse,
} from './demo-api-types.ts'
import { createDemoBatches } from './demo-batches.ts'
import { armFaults, demoRetry, faultEndpointOf, faultIds, faultsOf } from './demo-faults.ts'
import { DemoRequestError } from './demo-request-error.ts'
import { type DemoSample, demoSamples } from './demo-samples.ts'
import { describeSyncResult } from './describe-sync-result.ts'
import { issuesOf, warningsOf } from './path-issues.ts'
import { platformDocsOf } from './platform-docs.ts'
import type { DemoPlatform } from './platform-registry.ts'
import { createExchangeRecorder } from './record-exchange.ts'
import { phonesOf, withoutPhones } from './redact-phones.ts'
import { sampleValues, traceOrderMapping } from './trace-order-mapping.ts'

/** What the demo server does for the page, over the SDK and the sandbox. */
export interface DemoApi {
  bootstrap(): BootstrapResponse
  preview(order: unknown): PreviewResponse
  sync(platform: string, order: unknown): Promise<SyncResponse>
  /** Where each value of the order went in the platform's payload. */
  mapping(platform: string, order: unknown): MappingResponse
  setFaults(platform: string, faults: unknown): readonly FaultId[]
  startBatch(platform: string, count: unknown, outage: unknown): BatchStatus
  batchStatus(id: string): BatchStatus
}

interface PlatformEntry {
  readonly platform: DemoPlatform
  readonly client: OrderSyncPlatformV1
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

/** What one platform makes of a valid order: its payload, or why it refuses the order. */
function previewOn({ platform, client }: PlatformEntry, order: Order, input: unknown) {
  try {
    const prepared = client.prepare(order)
    return {
      platform: platform.id,
      state: 'ready',
      keyFields: platform.keyFields.map((path) => ({
        path,
        value: valueAt(prepared.payload, path),
      })),
      payload: withoutPhones(prepared.payload, phonesOf(input)),
      warnings: warningsOf(prepared.warnings),
    } satisfies PlatformPreview
  } catch (error) {
    return {
      platform: platform.id,
      state: platform.isNotReportableYet?.(error) === true ? 'not_reportable_yet' : 'refused',
      message: error instanceof Error ? error.message : String(error),
      errors: error instanceof Error ? issuesOf(error as OrderSyncError) : [],
    } satisfies PlatformPreview
  }
}

/**
 * What the sandbox stored of a synced order: under the key the descriptor gives for the order's
 * id, else under the ids the platform answered with (WeChat shipping keeps a payment's upload
 * under its transaction id, or `<mchid>:<out_trade_no>`, which the order's id does not give).
 */
function storedOf(
  sandbox: Sandbox,
  platform: DemoPlatform,
  orderId: string | undefined,
  result: OrderSyncResult,
): unknown {
  if (orderId === undefined) return undefined
  const orders = sandbox.control.orders(platform.id)
  const ids = result.status === 'succeeded' ? Object.values(result.platformIds) : []
  const keys = [platform.storeKey?.(orderId) ?? orderId, ...ids, ids.join(':')]
  for (const key of keys) {
    const stored = orders.get(key)
    if (stored !== undefined) return stored
  }
  return undefined
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
  const sampleFieldValues = sampleValues(samples.map((sample) => sample.order))
  const recorder = createExchangeRecorder()
  const entries = new Map<string, PlatformEntry>()
  for (const platform of platforms) {
    entries.set(platform.id, {
      platform,
      client: platform.createClient(sandbox, { retry: demoRetry, hooks: recorder.hooks }),
    })
  }
  const activeFaults = new Map<string, Set<FaultId>>(platforms.map((p) => [p.id, new Set()]))
  const batches = createDemoBatches(sandbox)

  const entryOf = (id: string): PlatformEntry => {
    const entry = entries.get(id)
    if (entry === undefined) throw new DemoRequestError(404, `no platform "${id}" in the demo`)
    return entry
  }

  return {
    bootstrap: () => ({
      platforms: platforms.map((platform) => ({
        id: platform.id,
        label: platform.label,
        packageName: platform.packageName,
        docs: platformDocsOf(platform),
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
      return {
        valid: true,
        platforms: [...entries.values()].map((entry) => previewOn(entry, validation.order, input)),
      }
    },

    sync: async (id, order) => {
      const { platform, client } = entryOf(id)
      const log: ExchangeEntry[] = []
      armFaults(sandbox, platform, activeFaults.get(platform.id) ?? [], log)
      let report: SyncReport
      try {
        // Whatever the editor holds: syncOrders validates it and reports every problem.
        const orders = [order as OrderInput]
        report = await recorder.run(log, () => syncOrders({ platform: client, orders }))
      } finally {
        // A fault the sync never reached (an order refused before sending) must not hit the next one.
        sandbox.control.clearFaults(platform.id)
      }
      const result = report.results[0]
      if (result === undefined) throw new Error('[demo] syncOrders reported no result')
      const orderId = result.orderId
      const stored = storedOf(sandbox, platform, orderId, result)
      const notYet = result.status === 'failed' && platform.isNotReportableYet?.(result.error)
      return {
        platform: id,
        orderId,
        result: describeSyncResult(platform.label, result, notYet === true),
        exchange: log,
        stored: stored === undefined ? null : withoutPhones(stored, phonesOf(order)),
      }
    },

    mapping: (id, order) => traceOrderMapping(entryOf(id).client, order, sampleFieldValues),

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
      return batches.start(platform, client, count, outage)
    },

    batchStatus: (id) => batches.status(id),
  }
}
