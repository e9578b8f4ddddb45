// Sync per platform: syncOrders against a raw fetch loop posting the same signed bodies with the
// same concurrency, against (a) the minimal answer-only server and (b) the sandbox, each server in
// its own process. Three repeats; the two loops take turns.

import type { BenchTarget, LoadedModule } from './bench-platforms.ts'
import { type BenchRow, repeats, runPool, startChild } from './bench-support.ts'
import type { DiscoveredPlatform } from './discover-platforms.ts'

const here = new URL('.', import.meta.url).pathname

export async function benchSync(
  platforms: readonly DiscoveredPlatform[],
  core: LoadedModule,
  fixtures: LoadedModule,
  orderCount: number,
  concurrency: number,
): Promise<BenchRow[]> {
  const syncOrders = core.syncOrders as (options: Record<string, unknown>) => Promise<{
    succeeded: number
    failed: number
  }>
  const validateOrder = core.validateOrder as (input: unknown) => { order: unknown }
  const rows: BenchRow[] = []
  const sandbox = await startChild(`${here}sandbox-server.ts`, [])
  const sandboxInfo = JSON.parse(sandbox.firstLine) as {
    url: string
    credentials: Record<string, Record<string, string>>
  }
  try {
    for (const platform of platforms) {
      const { entry } = platform
      const minimal = await startChild(`${here}minimal-server.ts`, [entry.id])
      try {
        const targets: [string, BenchTarget][] = [
          [
            'minimal server',
            {
              url: minimal.firstLine,
              credentials: entry.minimalCredentials(),
              signedResponses: false,
            },
          ],
          [
            'sandbox',
            {
              url: sandboxInfo.url,
              credentials: sandboxInfo.credentials[entry.id] ?? {},
              signedResponses: true,
            },
          ],
        ]
        let round = 0
        for (const [targetName, target] of targets) {
          const client = await entry.createClient(platform.module, target)
          const send = await entry.createRawSender(platform.module, target, client)
          const ours: number[] = []
          const floor: number[] = []
          // Against the minimal server, a third loop that validates and prepares each order on the
          // way, as syncOrders does: the ratio to it is what the send path itself costs.
          const withPrepare = targetName === 'minimal server'
          const oursAgainstPrepared: number[] = []
          const floorPrepared: number[] = []
          for (let repeat = 0; repeat < repeats; repeat += 1) {
            round += 1
            // Distinct orders for each loop (the sandbox keeps what it was sent), the same shape.
            const offset = round * orderCount * 2
            const make = (from: number) =>
              Array.from({ length: orderCount }, (_, index) => entry.order(fixtures, from + index))
            const inputs = make(offset)
            // The raw loop's bodies: the same orders but for their ids, prepared before its clock starts.
            const payloads = make(offset + orderCount).map(
              (input) => client.prepare(validateOrder(input).order).payload,
            )
            const raw = async () => {
              const batches = Math.ceil(orderCount / client.maxBatchSize)
              const started = performance.now()
              await runPool(batches, concurrency, (batch) =>
                send(
                  payloads.slice(batch * client.maxBatchSize, (batch + 1) * client.maxBatchSize),
                ),
              )
              return orderCount / ((performance.now() - started) / 1000)
            }
            const preparedInputs = make(offset + orderCount * 3)
            const rawPreparing = async () => {
              const batches = Math.ceil(orderCount / client.maxBatchSize)
              const started = performance.now()
              await runPool(batches, concurrency, (batch) =>
                send(
                  preparedInputs
                    .slice(batch * client.maxBatchSize, (batch + 1) * client.maxBatchSize)
                    .map((input) => client.prepare(validateOrder(input).order).payload),
                ),
              )
              return orderCount / ((performance.now() - started) / 1000)
            }
            const sync = async () => {
              const started = performance.now()
              const report = await syncOrders({
                platform: client,
                orders: inputs,
                concurrency,
                keepResults: 'failed',
              })
              const perSecond = orderCount / ((performance.now() - started) / 1000)
              if (report.succeeded !== orderCount)
                throw new Error(
                  `syncOrders to ${targetName} (${entry.id}): ${report.failed} of ${orderCount} failed`,
                )
              return perSecond
            }
            if (repeat % 2 === 0) {
              floor.push(await raw())
              ours.push(await sync())
            } else {
              ours.push(await sync())
              floor.push(await raw())
            }
            if (withPrepare) {
              floorPrepared.push(await rawPreparing())
              oursAgainstPrepared.push(ours[ours.length - 1] ?? 0)
            }
          }
          rows.push({
            section: 'sync',
            measure: `syncOrders, ${orderCount} orders, concurrency ${concurrency}, ${targetName}`,
            platform: platform.packageName,
            unit: 'orders/s',
            ours,
            floorName: 'raw fetch loop, same signed bodies',
            floor,
            better: 'higher',
            ...(targetName === 'minimal server' ? { target: 0.8 } : {}),
          })
          if (withPrepare)
            rows.push({
              section: 'sync',
              measure: `syncOrders, ${orderCount} orders, concurrency ${concurrency}, minimal server, beside a raw loop that validates and prepares`,
              platform: platform.packageName,
              unit: 'orders/s',
              ours: oursAgainstPrepared,
              floorName: 'raw fetch loop, validating and preparing each order on the way',
              floor: floorPrepared,
              better: 'higher',
            })
        }
      } finally {
        await minimal.stop()
      }
    }
  } finally {
    await sandbox.stop()
  }
  return rows
}
