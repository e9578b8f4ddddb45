// Backfill: N Youshu orders through syncOrders (batches of 50, keepResults 'none', from an async
// generator) beside a raw loop doing the same, each in its own process against the minimal server
// (in a third). Three repeats, taking turns. Then N versions of 1,000 orders (a change stream)
// through syncOrders alone, whose retained heap must stay flat too. Each syncOrders run samples
// its retained heap at every tenth of its orders: from the moment its version window is full, it
// must not grow.

import { type BenchRow, median, repeats, startChild } from './bench-support.ts'

const here = new URL('.', import.meta.url).pathname
const mb = (bytes: number) => bytes / 1024 / 1024

interface BackfillRun {
  readonly ordersPerSecond: number
  readonly peakRss: number
  readonly peakHeap: number
  readonly heapAtTenth: number
  readonly heapAtEnd: number
  /** The retained heap at 10%, 20%, … 100% of the orders (the last while the run still goes). */
  readonly heapAtTenths: readonly number[]
}

/** How many orders the versions run spreads its orders over (fewer in a smoke run). */
const versionedIdsAtMost = 1_000

/** syncOrders' default `versionWindow`: how many ids a run remembers the last version of. */
const versionWindow = 100_000

/**
 * The retained heap at each tenth of syncOrders' runs, medians in the measure's name: the highest
 * sample after the version window is full (the tenth by which the run has seen `versionWindow`
 * ids, or the first tenth if it never sees as many) over the sample when it filled.
 */
function heapAtTenthsRow(
  runs: readonly BackfillRun[],
  orders: number,
  ids: number,
  what: string,
  unit: string,
): BenchRow {
  const full = Math.min(versionWindow, ids)
  const fillsAt = Math.ceil(full / (orders / 10))
  const base = fillsAt >= 10 ? 0 : Math.max(0, fillsAt - 1)
  const since = (((base + 1) * orders) / 10).toLocaleString('en-US')
  const profile = Array.from({ length: 10 }, (_, tenth) =>
    mb(median(runs.map((run) => run.heapAtTenths[tenth] ?? Number.NaN))).toFixed(1),
  ).join(' · ')
  const windowFull = fillsAt >= 10 ? 'the version window never fills' : 'the version window full'
  return {
    section: 'backfill',
    platform: '@ordersync/youshu',
    measure: `retained heap at each tenth of ${what} (medians: ${profile} MB), the highest after ${since} ${unit}`,
    unit: 'MB',
    ours: runs.map((run) => mb(Math.max(...run.heapAtTenths.slice(base + 1)))),
    floorName: `syncOrders' own retained heap at ${since} ${unit} (${windowFull})`,
    floor: runs.map((run) => mb(run.heapAtTenths[base] ?? Number.NaN)),
    better: 'lower',
    target: 1.1,
    note: 'flat: within 10%',
  }
}

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
    heapAtTenthsRow(ours, orders, orders, `${all} orders`, 'orders'),
    heapAtTenthsRow(
      versions,
      orders,
      versionedIds,
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
