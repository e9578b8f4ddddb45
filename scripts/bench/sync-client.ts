// One client process of the client-CPU and latency measures: syncOrders and raw fetch loops for one
// platform, taking turns in this process after a warm-up of each, against the minimal server in
// another process (so that its CPU is not counted). Prints one JSON line: per loop, its wall time,
// orders per second and CPU time (user + system, `process.cpuUsage()`) per order.
//
//   node --expose-gc scripts/bench/sync-client.ts --platform=<id> [--orders=2000 | --seconds=S]
//     [--concurrency=8] [--loops=raw,sync,prepare] [--url=<server URL> | --latency-ms=N]
//     [--profile=<file.cpuprofile>]
//
// Each loop sends --orders=N orders, or with --seconds=S starts orders for S seconds (then waits
// for those in flight). Without --url the process starts the minimal server itself (with
// --latency-ms, if given) and also prints a line per loop on stderr: the way to measure one
// platform by hand. --profile profiles the timed loops (not start-up and warm-up), writes the
// profile and prints where the time went by package and by function (cpu-profile.ts); the
// profiler's own cost is then in the figures.
//
// The loops:
//   sync    — syncOrders over the orders (a generator; each order a copy, under an id of its own,
//             of one of at most 1,000 orders made before any clock starts), keepResults 'failed';
//   raw     — the bench entry's raw fetch loop posting those orders' bodies, prepared before any
//             clock starts, in batches of the client's maxBatchSize, signed by the package;
//   prepare — the same raw loop, validating and preparing each order (the same copies syncOrders
//             gets) on the way.

import { join } from 'node:path'
import { benchPlatforms } from './bench-platforms.ts'
import { type ChildServer, startChild } from './bench-support.ts'
import { profiled } from './cpu-profile.ts'
import { loadPackage, root } from './discover-platforms.ts'

type Loop = 'sync' | 'raw' | 'prepare'
type SyncOrders = (
  options: Record<string, unknown>,
) => Promise<{ succeeded: number; failed: number }>
type Collect = (options?: { type: 'minor' | 'major' }) => void

const args = process.argv.slice(2)
const flag = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const id = flag('platform') ?? ''
const concurrency = Number(flag('concurrency') ?? 8)
const loops = (flag('loops') ?? 'raw,sync,prepare').split(',') as Loop[]
const latencyMs = flag('latency-ms')
const entry = benchPlatforms.find((candidate) => candidate.id === id)
if (entry === undefined) throw new Error(`sync client: no bench entry for "${id}"`)
for (const loop of loops)
  if (!['sync', 'raw', 'prepare'].includes(loop)) throw new Error(`sync client: no loop "${loop}"`)
const collect = (globalThis as { gc?: Collect }).gc
if (collect === undefined) throw new Error('sync client: run with node --expose-gc')

const here = new URL('.', import.meta.url).pathname
const server: ChildServer | undefined =
  flag('url') === undefined
    ? await startChild(`${here}minimal-server.ts`, [
        id,
        ...(latencyMs === undefined ? [] : [`--latency-ms=${latencyMs}`]),
      ])
    : undefined
const url = flag('url') ?? server?.firstLine ?? ''

const core = await loadPackage(join(root, 'packages', 'core'))
const directory = join(root, 'packages', id)
const platformModule = await loadPackage(directory)
const fixtures = await loadPackage(directory, 'fixtures.js')
const target = { url, credentials: entry.minimalCredentials(), signedResponses: false }
const client = await entry.createClient(platformModule, target)
const send = await entry.createRawSender(platformModule, target, client)
const validateOrder = core.validateOrder as (input: unknown) => { order: unknown }
const syncOrders = core.syncOrders as SyncOrders
const prepare = (input: unknown): unknown => client.prepare(validateOrder(input).order).payload

// What each loop sends: --orders=N orders, or as many as it starts in --seconds=S.
const seconds = flag('seconds')
const orderCount = Number(flag('orders') ?? 2_000)
const poolSize = seconds === undefined ? Math.min(orderCount, 1_000) : 1_000
const pool = Array.from({ length: poolSize }, (_, index) => entry.order(fixtures, index))
const bodies = pool.map(prepare)
const copyAt = (index: number): Record<string, unknown> => ({
  ...pool[index % poolSize],
  id: `bench-${index}`,
})

/** Whether the loop sends order `index`: below the count, or before the deadline. */
type More = (index: number) => boolean
const forCount =
  (count: number): More =>
  (index) =>
    index < count
const untilDeadline =
  (deadline: number): More =>
  () =>
    performance.now() < deadline

/** The raw loop: batches of the client's size, `concurrency` in flight; the orders it sent. */
async function rawLoop(more: More, payloadAt: (index: number) => unknown): Promise<number> {
  let sent = 0
  const worker = async () => {
    while (more(sent)) {
      const payloads: unknown[] = []
      while (payloads.length < client.maxBatchSize && more(sent)) {
        payloads.push(payloadAt(sent))
        sent += 1
      }
      await send(payloads)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return sent
}

/** One loop over the orders `more` admits; how many it sent. */
async function runLoop(loop: Loop, more: More): Promise<number> {
  if (loop === 'raw') return rawLoop(more, (index) => bodies[index % poolSize])
  if (loop === 'prepare') return rawLoop(more, (index) => prepare(copyAt(index)))
  let read = 0
  function* orders(): Generator<Record<string, unknown>> {
    for (let index = 0; more(index); index += 1) {
      read = index + 1
      yield copyAt(index)
    }
  }
  const report = await syncOrders({
    platform: client,
    orders: orders(),
    concurrency,
    keepResults: 'failed',
  })
  if (report.succeeded !== read)
    throw new Error(`sync client (${id}): ${report.failed} of ${read} orders failed`)
  return read
}

/**
 * One loop on the clock. The heap is collected before it, off the clock, and the young
 * generation after it, on the CPU clock: each loop pays for collecting its own garbage.
 */
async function timed(loop: Loop) {
  collect?.()
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const more =
    seconds === undefined ? forCount(orderCount) : untilDeadline(started + Number(seconds) * 1000)
  const sent = await runLoop(loop, more)
  const elapsed = (performance.now() - started) / 1000
  collect?.({ type: 'minor' })
  const cpu = process.cpuUsage(cpuBefore)
  return {
    orders: sent,
    seconds: elapsed,
    ordersPerSecond: sent / elapsed,
    cpuMicrosPerOrder: (cpu.user + cpu.system) / sent,
  }
}

// The warm-up, every loop once: at least 200 orders and two batches per slot (with --seconds, only
// the two batches per slot: a run against a slow server spends its warm-up waiting).
const slotsFull = 2 * concurrency * client.maxBatchSize
const warmUp =
  seconds === undefined ? Math.min(orderCount, Math.max(200, slotsFull)) : Math.max(1, slotsFull)
for (const loop of loops) await runLoop(loop, forCount(warmUp))
const figures: Record<string, Awaited<ReturnType<typeof timed>>> = {}
const timedLoops = async () => {
  for (const loop of loops) figures[loop] = await timed(loop)
}
const profile = flag('profile')
await (profile === undefined ? timedLoops() : profiled(profile, timedLoops))
process.stdout.write(`${JSON.stringify({ platform: id, concurrency, loops: figures })}\n`)
if (server !== undefined) {
  for (const [loop, figure] of Object.entries(figures))
    process.stderr.write(
      `${id} ${loop}: ${figure.cpuMicrosPerOrder.toFixed(1)} µs CPU/order, ${Math.round(figure.ordersPerSecond)} orders/s (${figure.orders} orders, concurrency ${concurrency}${latencyMs === undefined ? '' : `, ${latencyMs} ms latency`})\n`,
    )
  await server.stop()
}
process.exit(0)
