// Backfill: N Youshu orders through syncOrders (batches of 50, keepResults 'none', from an async
// generator) beside a raw loop doing the same, each in its own process against the minimal server
// (in a third). Three repeats, taking turns. Then N versions of 1,000 orders (a change stream)
// through syncOrders alone, whose retained heap must stay flat too.

import { type BenchRow, repeats, startChild } from './bench-support.ts'

const here = new URL('.', import.meta.url).pathname
const mb = (bytes: number) => bytes / 1024 / 1024

interface BackfillRun {
  readonly ordersPerSecond: number
  readonly peakRss: number
  readonly peakHeap: number
  readonly heapAtTenth: number
  readonly heapAtEnd: number
}

/** How many orders the versions run spreads its orders over (fewer in a smoke run). */
const versionedIdsAtMost = 1_000

async function run(
  mode: 'sync' | 'raw',
  orders: number,
  url: string,
  ids: number = orders,
): Promise<BackfillRun> {
  const child = await startChild('--expose-gc', [
    `${here}backfill-client.ts`,
    mode,
    String(orders),
    url,
    String(ids),
  ])
  await child.stop()
  return JSON.parse(child.firstLine) as BackfillRun
}

export async function benchBackfill(orders: number): Promise<BenchRow[]> {
  const versionedIds = Math.max(1, Math.min(versionedIdsAtMost, Math.floor(orders / 10)))
  const server = await startChild(`${here}minimal-server.ts`, ['youshu'])
  const ours: BackfillRun[] = []
  const raw: BackfillRun[] = []
  const versions: BackfillRun[] = []
  try {
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      if (repeat % 2 === 0) {
        raw.push(await run('raw', orders, server.firstLine))
        ours.push(await run('sync', orders, server.firstLine))
      } else {
        ours.push(await run('sync', orders, server.firstLine))
        raw.push(await run('raw', orders, server.firstLine))
      }
    }
    for (let repeat = 0; repeat < repeats; repeat += 1)
      versions.push(await run('sync', orders, server.firstLine, versionedIds))
  } finally {
    await server.stop()
  }
  const common = {
    section: 'backfill',
    platform: '@ordersync/youshu',
    floorName: 'raw loop (same generator, validate + prepare + fetch)',
  }
  const tenth = (orders / 10).toLocaleString('en-US')
  const all = orders.toLocaleString('en-US')
  // Flat: what a run retains near its end within 10% of what it retained at a tenth of it.
  const flatHeap = (runs: readonly BackfillRun[], what: string, unit: string): BenchRow => ({
    ...common,
    measure: `retained heap near the end of ${what}, over at ${tenth}`,
    unit: 'MB',
    ours: runs.map((r) => mb(r.heapAtEnd)),
    floor: runs.map((r) => mb(r.heapAtTenth)),
    floorName: `syncOrders' own retained heap at ${tenth} ${unit}`,
    better: 'lower',
    target: 1.1,
    note: 'flat: within 10%',
  })
  return [
    {
      ...common,
      measure: `${all} orders, peak RSS`,
      unit: 'MB',
      ours: ours.map((r) => mb(r.peakRss)),
      floor: raw.map((r) => mb(r.peakRss)),
      better: 'lower',
      target: 1,
    },
    flatHeap(ours, `${all} orders`, 'orders'),
    flatHeap(
      versions,
      `${all} versions of ${versionedIds.toLocaleString('en-US')} orders`,
      'versions',
    ),
    {
      ...common,
      measure: `${all} orders, peak heap (sampled each second, after GC)`,
      unit: 'MB',
      ours: ours.map((r) => mb(r.peakHeap)),
      floor: raw.map((r) => mb(r.peakHeap)),
      better: 'lower',
    },
    {
      ...common,
      measure: `${all} orders, throughput`,
      unit: 'orders/s',
      ours: ours.map((r) => r.ordersPerSecond),
      floor: raw.map((r) => r.ordersPerSecond),
      better: 'higher',
    },
  ]
}
