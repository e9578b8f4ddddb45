// Sync per platform: syncOrders against a raw fetch loop posting the same signed bodies with the
// same concurrency, against (a) the minimal answer-only server and (b) the sandbox, each server in
// its own process. Three repeats; the two loops take turns. A platform without a bench entry
// (bench-platforms.ts) has no raw loop and no minimal answer: its descriptor's client syncs its
// descriptor's orders to the sandbox, with no floor beside it.

import type { PlatformSandbox } from '@ordersync/core'
import type {
  BenchClient,
  BenchPlatformEntry,
  BenchTarget,
  LoadedModule,
} from './bench-platforms.ts'
import { type BenchRow, repeats, runPool, startChild, withLoad } from './bench-support.ts'
import { benchOrder, type DiscoveredPlatform } from './discover-platforms.ts'

const here = new URL('.', import.meta.url).pathname

type SyncOrders = (
  options: Record<string, unknown>,
) => Promise<{ succeeded: number; failed: number }>
type ValidateOrder = (input: unknown) => { order: unknown }

interface SyncRun {
  readonly syncOrders: SyncOrders
  readonly validateOrder: ValidateOrder
  readonly orderCount: number
  readonly concurrency: number
}

/** Orders per second of syncOrders over `inputs`; throws unless every order went through. */
async function timeSync(
  run: SyncRun,
  client: BenchClient,
  inputs: readonly unknown[],
  label: string,
): Promise<number> {
  const started = performance.now()
  const report = await run.syncOrders({
    platform: client,
    orders: inputs,
    concurrency: run.concurrency,
    keepResults: 'failed',
  })
  const perSecond = run.orderCount / ((performance.now() - started) / 1000)
  if (report.succeeded !== run.orderCount)
    throw new Error(`syncOrders to ${label}: ${report.failed} of ${run.orderCount} failed`)
  return perSecond
}

/** Orders per second of the raw loop sending the batches of `payloads` (each made on the way). */
async function timeRaw(
  run: SyncRun,
  client: BenchClient,
  send: (payloads: readonly unknown[]) => Promise<void>,
  batchAt: (from: number, to: number) => unknown[],
): Promise<number> {
  const batches = Math.ceil(run.orderCount / client.maxBatchSize)
  const started = performance.now()
  await runPool(batches, run.concurrency, (batch) =>
    send(batchAt(batch * client.maxBatchSize, (batch + 1) * client.maxBatchSize)),
  )
  return run.orderCount / ((performance.now() - started) / 1000)
}

/** syncOrders beside the entry's raw loop against one target: one row, two against the minimal server. */
async function measureTarget(
  platform: DiscoveredPlatform,
  entry: BenchPlatformEntry,
  run: SyncRun,
  [targetName, target]: readonly [string, BenchTarget],
  roundsBefore: number,
): Promise<BenchRow[]> {
  const client = await entry.createClient(platform.module, target)
  const send = await entry.createRawSender(platform.module, target, client)
  const prepare = (input: unknown) => client.prepare(run.validateOrder(input).order).payload
  // Against the minimal server, a third loop that validates and prepares each order on the way,
  // as syncOrders does: the ratio to it is what the send path itself costs.
  const withPrepare = targetName === 'minimal server'
  const ours: number[] = []
  const floor: number[] = []
  const floorPrepared: number[] = []
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    // Distinct orders for each loop (the sandbox keeps what it was sent), the same shape.
    const offset = (roundsBefore + repeat + 1) * run.orderCount * 2
    const make = (from: number) =>
      Array.from({ length: run.orderCount }, (_, index) => benchOrder(platform, from + index))
    const inputs = make(offset)
    // The raw loop's bodies: the same orders but for their ids, prepared before its clock starts.
    const payloads = make(offset + run.orderCount).map(prepare)
    const raw = () => timeRaw(run, client, send, (from, to) => payloads.slice(from, to))
    const sync = () => timeSync(run, client, inputs, `${targetName} (${platform.descriptor.id})`)
    if (repeat % 2 === 0) {
      floor.push(await raw())
      ours.push(await sync())
    } else {
      ours.push(await sync())
      floor.push(await raw())
    }
    if (withPrepare) {
      const preparedInputs = make(offset + run.orderCount * 3)
      floorPrepared.push(
        await timeRaw(run, client, send, (from, to) => preparedInputs.slice(from, to).map(prepare)),
      )
    }
  }
  const measure = `syncOrders, ${run.orderCount} orders, concurrency ${run.concurrency}, ${targetName}`
  const common = { section: 'sync', platform: platform.packageName, unit: 'orders/s' } as const
  const rows: BenchRow[] = [
    {
      ...common,
      measure,
      ours,
      floorName: 'raw fetch loop, same signed bodies',
      floor,
      better: 'higher',
      ...(withPrepare ? { target: 0.8 } : {}),
    },
  ]
  if (withPrepare)
    rows.push({
      ...common,
      measure: `${measure}, beside a raw loop that validates and prepares`,
      ours,
      floorName: 'raw fetch loop, validating and preparing each order on the way',
      floor: floorPrepared,
      better: 'higher',
    })
  return rows
}

/** A platform with a bench entry: against the minimal server (in its own process) and the sandbox. */
async function syncBesideRawLoop(
  platform: DiscoveredPlatform,
  entry: BenchPlatformEntry,
  run: SyncRun,
  sandbox: PlatformSandbox,
): Promise<BenchRow[]> {
  const minimal = await startChild(`${here}minimal-server.ts`, [entry.id])
  try {
    const targets: [string, BenchTarget][] = [
      [
        'minimal server',
        { url: minimal.firstLine, credentials: entry.minimalCredentials(), signedResponses: false },
      ],
      [
        'sandbox',
        {
          url: sandbox.url,
          credentials: sandbox.credentials[entry.id] ?? {},
          signedResponses: true,
        },
      ],
    ]
    const rows: BenchRow[] = []
    for (const [index, target] of targets.entries())
      rows.push(...(await measureTarget(platform, entry, run, target, index * repeats)))
    return rows
  } finally {
    await minimal.stop()
  }
}

/** A platform with only its descriptor: its client and orders against the sandbox, no floor. */
async function syncAlone(
  platform: DiscoveredPlatform,
  run: SyncRun,
  sandbox: PlatformSandbox,
): Promise<BenchRow> {
  const client = platform.descriptor.createClient(sandbox) as BenchClient
  const ours: number[] = []
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const inputs = Array.from({ length: run.orderCount }, (_, index) =>
      benchOrder(platform, (repeat + 1) * run.orderCount + index),
    )
    ours.push(await timeSync(run, client, inputs, `sandbox (${platform.descriptor.id})`))
  }
  return {
    section: 'sync',
    measure: `syncOrders, ${run.orderCount} orders, concurrency ${run.concurrency}, sandbox`,
    platform: platform.packageName,
    unit: 'orders/s',
    ours,
    floorName: 'none (no raw loop in bench-platforms.ts)',
    floor: [],
    better: 'higher',
  }
}

export async function benchSync(
  platforms: readonly DiscoveredPlatform[],
  core: LoadedModule,
  sandbox: PlatformSandbox,
  orderCount: number,
  concurrency: number,
): Promise<BenchRow[]> {
  const run: SyncRun = {
    syncOrders: core.syncOrders as SyncOrders,
    validateOrder: core.validateOrder as ValidateOrder,
    orderCount,
    concurrency,
  }
  const rows: BenchRow[] = []
  for (const platform of platforms) {
    const { entry } = platform
    rows.push(
      ...(await withLoad(async () =>
        entry === undefined
          ? [await syncAlone(platform, run, sandbox)]
          : await syncBesideRawLoop(platform, entry, run, sandbox),
      )),
    )
  }
  return rows
}
