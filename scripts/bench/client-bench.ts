// What a user of each platform feels, in the client's own process (sync-client.ts), the minimal
// server in another:
//
// - cpu: the client's CPU time (user + system, `process.cpuUsage()`) per order of syncOrders,
//   beside the raw fetch loop posting the same bodies in the same batches (target 2×) and beside
//   a raw loop that validates and prepares each order on the way (no target: the difference is
//   what syncOrders' own machinery costs). The three loops take turns in each process, a process
//   per repeat.
// - latency: orders per second of syncOrders beside the raw loop when the server answers after a
//   fixed delay (a platform across the internet), at each concurrency, a few seconds per loop
//   (target 0.95×: with time spent waiting, the client's overhead should disappear).
//
// Only the platforms with a bench entry (bench-platforms.ts): the others have no raw loop.

import { type BenchRow, type ChildServer, repeats, startChild, withLoad } from './bench-support.ts'
import type { DiscoveredPlatform } from './discover-platforms.ts'

const here = new URL('.', import.meta.url).pathname

type Loop = 'sync' | 'raw' | 'prepare'

/** What sync-client.ts prints for one loop. */
interface LoopFigures {
  readonly orders: number
  readonly seconds: number
  readonly ordersPerSecond: number
  readonly cpuMicrosPerOrder: number
}

/** One client process: the loops in the order given, each after a warm-up of all of them. */
async function runClient(
  id: string,
  server: ChildServer,
  loops: readonly Loop[],
  options: readonly string[],
): Promise<Record<Loop, LoopFigures>> {
  const child = await startChild('--expose-gc', [
    `${here}sync-client.ts`,
    `--platform=${id}`,
    `--url=${server.firstLine}`,
    `--loops=${loops.join(',')}`,
    ...options,
  ])
  await child.stop()
  return (JSON.parse(child.firstLine) as { loops: Record<Loop, LoopFigures> }).loops
}

/** The platforms the client measures run on: those with a bench entry. */
const withEntry = (platforms: readonly DiscoveredPlatform[]) =>
  platforms.flatMap((platform) =>
    platform.entry === undefined ? [] : [{ platform, id: platform.entry.id }],
  )

/** The loops' turns: each loop goes first in one repeat of three. */
const cpuTurns: readonly (readonly Loop[])[] = [
  ['raw', 'sync', 'prepare'],
  ['sync', 'prepare', 'raw'],
  ['prepare', 'raw', 'sync'],
]

async function cpuOfPlatform(
  platform: DiscoveredPlatform,
  id: string,
  orders: number,
  concurrency: number,
): Promise<BenchRow[]> {
  const server = await startChild(`${here}minimal-server.ts`, [id])
  const figures: Record<Loop, number[]> = { sync: [], raw: [], prepare: [] }
  try {
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      const turn = cpuTurns[repeat % cpuTurns.length] as readonly Loop[]
      const loops = await runClient(id, server, turn, [
        `--orders=${orders}`,
        `--concurrency=${concurrency}`,
      ])
      for (const loop of turn) figures[loop].push(loops[loop].cpuMicrosPerOrder)
    }
  } finally {
    await server.stop()
  }
  const measure = `client CPU per order (user + system), syncOrders, ${orders} orders, concurrency ${concurrency}, minimal server`
  const common = { section: 'cpu', platform: platform.packageName, unit: 'µs' } as const
  return [
    {
      ...common,
      measure,
      ours: figures.sync,
      floorName: 'raw fetch loop, same signed bodies, same batches',
      floor: figures.raw,
      better: 'lower',
      target: 2,
    },
    {
      ...common,
      measure: `${measure}, beside a raw loop that validates and prepares`,
      ours: figures.sync,
      floorName: 'raw fetch loop, validating and preparing each order on the way',
      floor: figures.prepare,
      better: 'lower',
    },
  ]
}

/** The client's CPU per order, syncOrders beside the raw loops, per platform. */
export async function benchClientCpu(
  platforms: readonly DiscoveredPlatform[],
  orders: number,
  concurrency: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const { platform, id } of withEntry(platforms))
    rows.push(...(await withLoad(() => cpuOfPlatform(platform, id, orders, concurrency))))
  return rows
}

/** How the latency measure runs: the server's delay, each loop's duration, the concurrencies. */
export interface LatencyOptions {
  readonly latencyMs: number
  readonly seconds: number
  readonly concurrencies: readonly number[]
}

async function latencyRow(
  platform: DiscoveredPlatform,
  id: string,
  server: ChildServer,
  concurrency: number,
  options: LatencyOptions,
): Promise<BenchRow> {
  const ours: LoopFigures[] = []
  const floor: LoopFigures[] = []
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const turn: Loop[] = repeat % 2 === 0 ? ['raw', 'sync'] : ['sync', 'raw']
    const loops = await runClient(id, server, turn, [
      `--seconds=${options.seconds}`,
      `--concurrency=${concurrency}`,
    ])
    ours.push(loops.sync)
    floor.push(loops.raw)
  }
  const sent = (runs: readonly LoopFigures[]) => {
    const least = Math.min(...runs.map((run) => run.orders))
    const most = Math.max(...runs.map((run) => run.orders))
    return least === most ? `${least}` : `${least}–${most}`
  }
  return {
    section: 'latency',
    measure: `syncOrders, server answering after ${options.latencyMs} ms, concurrency ${concurrency}, ${options.seconds} s per loop (${sent(ours)} orders; raw loop ${sent(floor)})`,
    platform: platform.packageName,
    unit: 'orders/s',
    ours: ours.map((run) => run.ordersPerSecond),
    floorName: 'raw fetch loop, same signed bodies, same batches',
    floor: floor.map((run) => run.ordersPerSecond),
    better: 'higher',
    target: 0.95,
  }
}

/** Throughput at a realistic latency, syncOrders beside the raw loop, per platform and concurrency. */
export async function benchLatency(
  platforms: readonly DiscoveredPlatform[],
  options: LatencyOptions,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const { platform, id } of withEntry(platforms)) {
    const server = await startChild(`${here}minimal-server.ts`, [
      id,
      `--latency-ms=${options.latencyMs}`,
    ])
    try {
      for (const concurrency of options.concurrencies)
        rows.push(
          ...(await withLoad(async () => [
            await latencyRow(platform, id, server, concurrency, options),
          ])),
        )
    } finally {
      await server.stop()
    }
  }
  return rows
}
