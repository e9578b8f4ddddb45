// One backfill run in its own process, so that its memory is measured alone: N Youshu orders from
// an async generator, batches of 50, 8 in flight, to the minimal server; RSS and heap sampled each
// second, and the heap again as the generator hands out the last order of each tenth of the run
// (the heap after a full collection: node --expose-gc). Prints one JSON line.
//
//   node --expose-gc scripts/bench/backfill-client.ts <sync|raw> <orders> <server url> [<ids>]
//
// With <ids> below <orders>, the orders are versions of that many ids, each newer than the last
// (a change stream), so a full version window takes versions of ids it holds, evicting nothing.

import { join } from 'node:path'
import { benchPlatforms } from './bench-platforms.ts'
import { loadPackage, root } from './discover-platforms.ts'

const [mode, countText, url = '', idsText] = process.argv.slice(2)
const total = Number(countText)
const ids = idsText === undefined ? total : Number(idsText)
const concurrency = 8
const entry = benchPlatforms.find((candidate) => candidate.id === 'youshu')
if (entry === undefined) throw new Error('backfill: no youshu bench entry')
const core = await loadPackage(join(root, 'packages', 'core'))
const youshuModule = await loadPackage(join(root, 'packages', 'youshu'))
const fixtures = await loadPackage(join(root, 'packages', 'youshu'), 'fixtures.js')
const target = { url, credentials: entry.minimalCredentials(), signedResponses: false }
const client = await entry.createClient(youshuModule, target)
const base = fixtures.youshuFaqOrder as Record<string, unknown>

let produced = 0
async function* orders() {
  for (let index = 0; index < total; index += 1) {
    produced = index + 1
    sampleAtTenths()
    yield {
      ...base,
      id: `backfill-${index % ids}`,
      // Versions: a millisecond newer each, from the fixture's modifiedAt (2024-05-20T02:01:30Z).
      ...(ids < total ? { modifiedAt: 1_716_170_490_000 + index } : {}),
      buyer: { platformUserId: `openid-${index}`, phone: '13712345678' },
    }
  }
}

const collect = (globalThis as { gc?: () => void }).gc
if (collect === undefined) throw new Error('backfill: run with node --expose-gc')
let peakRss = 0
let peakHeap = 0
let heapAtTenth: number | undefined
// The last sample taken while the run was still going: what the run itself retains near its end
// (a sample after it returns would no longer see its state).
let heapNearEnd = 0
const sample = () => {
  collect()
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeap = Math.max(peakHeap, usage.heapUsed)
  return usage.heapUsed
}
// The retained heap each time a tenth of the orders has been handed out (the 10th: the last order,
// while the run is still going).
const heapAtTenths: number[] = []
function sampleAtTenths(): void {
  while (
    heapAtTenths.length < 10 &&
    produced >= Math.ceil((total * (heapAtTenths.length + 1)) / 10)
  )
    heapAtTenths.push(sample())
}
const timer = setInterval(() => {
  const heap = sample()
  if (heapAtTenth === undefined && produced >= total / 10) heapAtTenth = heap
  if (produced < total) heapNearEnd = heap
}, 1000)

const started = performance.now()
if (mode === 'sync') {
  const syncOrders = core.syncOrders as (
    options: Record<string, unknown>,
  ) => Promise<{ succeeded: number }>
  const report = await syncOrders({
    platform: client,
    orders: orders(),
    concurrency,
    keepResults: 'none',
  })
  if (report.succeeded !== total)
    throw new Error(`backfill: ${report.succeeded} of ${total} succeeded`)
} else {
  // The raw loop: the same generator, each order validated and prepared by the same functions,
  // posted in batches of 50 with 8 in flight — without syncOrders.
  const validateOrder = core.validateOrder as (input: unknown) => { order: unknown }
  const send = await entry.createRawSender(youshuModule, target, client)
  const source = orders()
  let done = false
  const worker = async () => {
    while (!done) {
      const payloads: unknown[] = []
      while (payloads.length < client.maxBatchSize) {
        const next = await source.next()
        if (next.done === true) {
          done = true
          break
        }
        payloads.push(client.prepare(validateOrder(next.value).order).payload)
      }
      if (payloads.length > 0) await send(payloads)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}
const seconds = (performance.now() - started) / 1000
clearInterval(timer)
const heapAfter = sample()
process.stdout.write(
  `${JSON.stringify({ seconds, ordersPerSecond: total / seconds, peakRss, peakHeap, heapAtTenth: heapAtTenth ?? heapAfter, heapAtEnd: heapNearEnd || heapAfter, heapAtTenths })}\n`,
)
process.exit(0)
