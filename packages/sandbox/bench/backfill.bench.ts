// Backfill benchmark: syncs N orders from an async generator through core's transport and
// syncOrders to the sandbox (the token test platform, batches of 50) over loopback HTTP, and
// prints throughput and the client's memory. The sandbox runs in a child process, so the memory
// sampled here is the client's alone: a peak that stays flat whatever N is shows that syncOrders
// reads lazily.
//
//   node bench/backfill.bench.ts [orders=200000] [concurrency=8]

import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { syncOrders } from '@ordersync/core'
import { createTokenTestPlatform } from '../src/test-platforms/test-platform-clients.ts'
import { testPlatformOrder } from '../src/test-platforms/test-platform-order.ts'

const total = Number(process.argv[2] ?? 200_000)
const concurrency = Number(process.argv[3] ?? 8)

const server = spawn(
  process.execPath,
  [new URL('./bench-sandbox-server.ts', import.meta.url).pathname],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
)
const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]()
const url = String((await lines.next()).value)
const platform = createTokenTestPlatform({
  baseURL: url,
  clientId: 'token-test-client',
  clientSecret: 'token-test-secret-7f3a9c',
})

async function* orders() {
  for (let index = 0; index < total; index += 1)
    yield { ...testPlatformOrder, id: `backfill-${index}` }
}

// With --expose-gc (the bench script passes it), each sample first collects garbage, so the peak
// is what the run retains, not what the collector has not got to yet.
const collect = (globalThis as { gc?: () => void }).gc
let peakRss = 0
let peakHeap = 0
let peakRetained = 0
const sample = setInterval(() => {
  const usage = process.memoryUsage()
  peakRss = Math.max(peakRss, usage.rss)
  peakHeap = Math.max(peakHeap, usage.heapUsed)
  if (collect !== undefined) {
    collect()
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed)
  }
}, 250)

const startedAt = performance.now()
const report = await syncOrders({ platform, orders: orders(), concurrency, keepResults: 'failed' })
const seconds = (performance.now() - startedAt) / 1000
clearInterval(sample)
server.stdin.end()
const { requests, stored } = JSON.parse(String((await lines.next()).value)) as {
  requests: number
  stored: number
}
await once(server, 'exit')

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
console.log(
  JSON.stringify({
    orders: total,
    concurrency,
    succeeded: report.succeeded,
    failed: report.failed,
    requests,
    stored,
    seconds: Number(seconds.toFixed(2)),
    ordersPerSecond: Math.round(total / seconds),
    peakRssMB: Number(mb(peakRss)),
    peakHeapMB: Number(mb(peakHeap)),
    ...(collect === undefined ? {} : { peakRetainedHeapMB: Number(mb(peakRetained)) }),
  }),
)
