// The transport against ky: CPU per call of `createTransport(...).send(...)` beside ky called
// directly with the same options (the ky options the transport gives ky, without its hooks and
// fetch), reading the text. Both post the same body to the minimal server (its own process, so
// its CPU is not counted), the same number of calls with the same concurrency; the two loops take
// turns in short rounds so that a change of load on a shared machine touches them alike. What the
// transport adds on top of ky should be close to nothing: the target is 1.1×.

import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { LoadedModule } from './bench-platforms.ts'
import { type BenchRow, repeats, runPool, startChild } from './bench-support.ts'
import { root } from './discover-platforms.ts'

const here = new URL('.', import.meta.url).pathname

type Send = () => Promise<void>

/** Loads a dependency of core, the very copy core's build imports. */
async function importFromCore(name: string): Promise<LoadedModule> {
  const path = createRequire(join(root, 'packages', 'core', 'package.json')).resolve(name)
  return (await import(pathToFileURL(path).href)) as LoadedModule
}

type Collect = (options: { type: 'minor' }) => void

/** V8's collector, which the bench process does not expose by default. */
function youngGenerationCollector(): Collect {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as Collect
}

/**
 * CPU time (user + system) of `calls` sends, `concurrency` in flight, in microseconds. The young
 * generation is collected before and, on the clock, after: each loop pays for collecting its own
 * garbage, not the other loop's.
 */
async function cpuOf(
  send: Send,
  calls: number,
  concurrency: number,
  collect: Collect,
): Promise<number> {
  collect({ type: 'minor' })
  const before = process.cpuUsage()
  await runPool(calls, concurrency, send)
  collect({ type: 'minor' })
  const spent = process.cpuUsage(before)
  return spent.user + spent.system
}

export async function benchTransport(
  core: LoadedModule,
  calls: number,
  concurrency: number,
): Promise<BenchRow[]> {
  const server = await startChild(`${here}minimal-server.ts`, ['core'])
  const collect = youngGenerationCollector()
  try {
    const ky = (await importFromCore('ky')).default as (
      url: string,
      options: Record<string, unknown>,
    ) => { text(): Promise<string> }
    const t = await importFromCore('io-ts')
    const createTransport = core.createTransport as (options: Record<string, unknown>) => {
      send(call: Record<string, unknown>): Promise<{ status: number }>
      retry: { maxAttempts: number; timeoutMs: number }
    }
    const transport = createTransport({
      platform: 'bench',
      baseURL: server.firstLine,
      classify: ({ status }: { status: number }) =>
        status < 300 ? { outcome: 'success' } : { outcome: 'failure' },
    })
    const headers = { 'content-type': 'application/json' }
    const body = JSON.stringify({
      orders: Array.from({ length: 4 }, (_, index) => ({
        id: `bench-${index}`,
        lines: [{ sku: 'sku-1', quantity: 2, amount: 1990 }],
        buyer: { id: `buyer-${index}` },
      })),
    })
    // The options the transport hands ky for such a call, less what only the transport has.
    const kyOptions = {
      method: 'POST',
      headers,
      body,
      timeout: transport.retry.timeoutMs,
      throwHttpErrors: false,
      retry: { limit: transport.retry.maxAttempts, methods: ['get', 'post'] },
    }
    const url = `${server.firstLine}/orders`
    const viaKy: Send = async () => {
      await ky(url, kyOptions).text()
    }
    const viaTransport: Send = async () => {
      await transport.send({ endpoint: '/orders', headers, body, decode: t.unknown })
    }
    // Warm up both paths (and the connections) before the repeats.
    for (const send of [viaKy, viaTransport])
      await cpuOf(send, Math.min(500, calls), concurrency, collect)
    const ours: number[] = []
    const floor: number[] = []
    // Short rounds: a burst of load on a shared machine, or a collection the other loop left
    // behind, falls on both loops alike.
    const rounds = Math.max(1, Math.min(100, Math.floor(calls / 100)))
    const perRound = Math.ceil(calls / rounds)
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      let transportCpu = 0
      let kyCpu = 0
      for (let round = 0; round < rounds; round += 1) {
        // Each round, the other one goes first.
        if ((repeat + round) % 2 === 0) {
          kyCpu += await cpuOf(viaKy, perRound, concurrency, collect)
          transportCpu += await cpuOf(viaTransport, perRound, concurrency, collect)
        } else {
          transportCpu += await cpuOf(viaTransport, perRound, concurrency, collect)
          kyCpu += await cpuOf(viaKy, perRound, concurrency, collect)
        }
      }
      ours.push(transportCpu / (rounds * perRound))
      floor.push(kyCpu / (rounds * perRound))
    }
    return [
      {
        section: 'transport',
        measure: `transport vs ky: CPU per call, ${rounds * perRound} calls, concurrency ${concurrency}, minimal server`,
        platform: '@ordersync/core',
        unit: 'µs',
        ours,
        floorName: 'ky(url, the same options).text()',
        floor,
        better: 'lower',
        target: 1.1,
      },
    ]
  } finally {
    await server.stop()
  }
}
