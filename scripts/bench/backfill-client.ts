// One backfill run in its own process, so that its memory is measured alone: N Youshu orders from
// an async generator, batches of 50, 8 in flight, to the minimal server; RSS and heap sampled each
// second (the heap after a full collection: node --expose-gc). Prints one JSON line.
//
//   node --expose-gc scripts/bench/backfill-client.ts <sync|raw> <orders> <server url>

import { join } from 'node:path'
import { benchPlatforms } from './bench-platforms.ts'
import { loadPackage, root } from './discover-platforms.ts'

const [mode, countText, url = ''] = process.argv.slice(2)
const total = Number(countText)
const concurrency = 8
const entry = benchPlatforms.find((candidate) => candidate.id === 'youshu')
if (entry === undefined) throw new Error('backfill: no youshu bench entry')
const core = await loadPackage(join(root, 'packages', 'core'))
const fixtures = (await import(
  join(root, 'packages', 'core', 'dist', 'fixtures', 'index.js')
)) as Record<string, unknown>
const youshuModule = await loadPackage(join(root, 'packages', 'youshu'))
const target = { url, credentials: entry.minimalCredentials(), signedResponses: false }
const client = await entry.createClient(youshuModule, target)
const base = fixtures.youshuFaqOrder as Record<string, unknown>

let produced = 0
async function* orders() {
  for (let index = 0; index < total; index += 1) {
    produced = index + 1
    yield {
      ...base,
      id: `backfill-${index}`,
      buyer: { platformUserId: `openid-${index}`, phone: '13712345678' },
    }
  }
}

const collect = (globalThis as { gc?: () => void }).gc
if (collect === undefined) throw new Error('backfill: run with node --expose-gc')
let peakRss = 0
let peakHeap = 0
let heapAtTenth: number | undefined
let lastHeap = 0
const sample = () => {
  collect()
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeap = Math.max(peakHeap, usage.heapUsed)
  lastHeap = usage.heapUsed
  if (heapAtTenth === undefined && produced >= total / 10) heapAtTenth = usage.heapUsed
}
const timer = setInterval(sample, 1000)

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
sample()
process.stdout.write(
  `${JSON.stringify({ seconds, ordersPerSecond: total / seconds, peakRss, peakHeap, heapAtTenth: heapAtTenth ?? lastHeap, heapAtEnd: lastHeap })}\n`,
)
process.exit(0)
