// Prepare per platform: the full user path (validate + prepare + JSON.stringify) and prepare
// alone on a validated order, each against JSON.stringify of the same payload, timed in turn in
// one process, three repeats.

import type { PlatformSandbox } from '@ordersync/core'
import type { BenchClient, LoadedModule } from './bench-platforms.ts'
import { type BenchRow, repeats } from './bench-support.ts'
import { benchOrder, type DiscoveredPlatform, wireBody } from './discover-platforms.ts'

const microseconds = (iterations: number, run: () => void): number => {
  const started = performance.now()
  for (let index = 0; index < iterations; index += 1) run()
  return ((performance.now() - started) * 1000) / iterations
}

/**
 * The client prepare is measured with: the bench entry's against an unreachable URL, or the
 * descriptor's against the sandbox (prepare sends nothing).
 */
async function prepareClient(
  platform: DiscoveredPlatform,
  sandbox: PlatformSandbox,
): Promise<BenchClient> {
  const { entry } = platform
  if (entry === undefined) return platform.descriptor.createClient(sandbox) as BenchClient
  return entry.createClient(platform.module, {
    url: 'http://127.0.0.1:9',
    credentials: entry.minimalCredentials(),
    signedResponses: false,
  })
}

export async function benchPrepare(
  platforms: readonly DiscoveredPlatform[],
  core: LoadedModule,
  sandbox: PlatformSandbox,
  iterations: number,
): Promise<BenchRow[]> {
  const validateOrder = core.validateOrder as (input: unknown) => {
    success: boolean
    order?: unknown
  }
  const rows: BenchRow[] = []
  for (const platform of platforms) {
    const client = await prepareClient(platform, sandbox)
    const input = benchOrder(platform, 0)
    const validated = validateOrder(input)
    if (!validated.success)
      throw new Error(`bench order for ${platform.descriptor.id} is not valid`)
    const order = validated.order
    const payload = client.prepare(order).payload
    const wire = wireBody(platform, payload)
    let sink = 0
    const floor = () => {
      sink += JSON.stringify(wire).length
    }
    const full = () => {
      const result = validateOrder(input)
      const prepared = client.prepare(result.order)
      sink += JSON.stringify(wireBody(platform, prepared.payload)).length
    }
    const alone = () => {
      sink += client.prepare(order).orderId.length
    }
    // Warm up every path before the repeats.
    for (const run of [floor, full, alone]) microseconds(Math.max(50, iterations / 4), run)
    const floors: number[] = []
    const fulls: number[] = []
    const alones: number[] = []
    // The machine may be shared: the three paths take turns in short rounds, so that a change of
    // load touches them alike and the ratio holds.
    const chunk = Math.max(1, Math.min(25, Math.floor(iterations / 10)))
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      let floorTime = 0
      let fullTime = 0
      let aloneTime = 0
      for (let done = 0; done < iterations; done += chunk) {
        floorTime += microseconds(chunk * 4, floor)
        fullTime += microseconds(chunk, full)
        aloneTime += microseconds(chunk, alone)
      }
      const rounds = Math.ceil(iterations / chunk)
      floors.push(floorTime / rounds)
      fulls.push(fullTime / rounds)
      alones.push(aloneTime / rounds)
    }
    if (sink === 0) throw new Error('unreachable')
    const common = {
      section: 'prepare',
      platform: platform.packageName,
      unit: 'µs/order',
      floorName: 'JSON.stringify of the payload',
      floor: floors,
      better: 'lower' as const,
    }
    rows.push({
      ...common,
      measure: `validate + prepare + JSON.stringify (${platform.entry === undefined ? "the descriptor's order" : '10 lines'})`,
      ours: fulls,
      target: 8,
    })
    rows.push({ ...common, measure: 'prepare alone (validated order)', ours: alones, target: 4 })
    rows.push({
      ...common,
      measure: 'full path, orders per second',
      unit: 'orders/s',
      ours: fulls.map((value) => 1e6 / value),
      floor: floors.map((value) => 1e6 / value),
      floorName: 'JSON.stringify per second',
      better: 'higher',
    })
  }
  return rows
}
