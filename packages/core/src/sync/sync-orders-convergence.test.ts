import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { arbitraryOrder, seededIntegers } from '../fixtures/index.ts'
import { createTransport } from '../http/transport.ts'
import type { IncomingResponse, ResponseClassification } from '../http/transport-types.ts'
import type { OrderInput } from '../order/order-types.ts'
import type { OrderSyncPlatformV1 } from './platform-contract.ts'
import { syncOrders } from './sync-orders.ts'
import { createMemoryVersionStore } from './version-store.ts'

// A platform that stores the last body it applied per order id, behind a real transport, and a
// fetch that can hold a request past the client's timeout and apply it later: the late delivery
// of an older version that convergence must overwrite.

interface Stored {
  readonly version: string
}

interface LatePlatform {
  readonly platform: OrderSyncPlatformV1<{ id: string; version: string }>
  /** What the platform holds, by order id. */
  readonly stored: Map<string, Stored>
  /** Every body applied, in the order applied. */
  readonly applied: string[]
  /** Requests the fetch holds past the client's timeout and applies `lateMs` later. */
  holdNext(predicate: (body: { id: string; version: string }) => boolean, lateMs: number): void
  /** Resolves when every held request has been applied. */
  settled(): Promise<void>
}

const classify = (response: IncomingResponse): ResponseClassification =>
  response.status === 200 ? { outcome: 'success' } : { outcome: 'retryable', message: 'busy' }

/** `calls`: how many requests one order's send makes (an add, then a status step, …). */
function latePlatform(timeoutMs: number, calls = 1): LatePlatform {
  const stored = new Map<string, Stored>()
  const applied: string[] = []
  const holds: Array<{
    predicate: (body: { id: string; version: string }) => boolean
    lateMs: number
  }> = []
  const landing: Promise<void>[] = []
  const apply = (body: { id: string; version: string; call?: number }): void => {
    stored.set(body.id, { version: body.version })
    applied.push(`${body.id}@${body.version}${body.call === undefined ? '' : `#${body.call}`}`)
  }
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const body = JSON.parse(await request.text()) as { id: string; version: string }
    // Holds are taken in turn: the next one's predicate is asked once per request.
    const next = holds[0]
    if (next?.predicate(body) === true) {
      holds.shift()
      const { lateMs } = next
      // The platform applies it late, whatever the client did meanwhile; the client times out.
      landing.push(new Promise((resolve) => setTimeout(resolve, lateMs)).then(() => apply(body)))
      return new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason), {
          once: true,
        })
      })
    }
    apply(body)
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const transport = createTransport({
    platform: 'late',
    baseURL: 'https://late.example.test',
    fetch,
    classify,
    random: () => 0.5,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 1, timeoutMs },
  })
  return {
    stored,
    applied,
    holdNext: (predicate, lateMs) => holds.push({ predicate, lateMs }),
    settled: async () => {
      await Promise.all(landing)
    },
    platform: {
      specificationVersion: 'v1',
      platform: 'late',
      maxBatchSize: 1,
      prepare: (order) => ({
        orderId: order.id,
        payload: { id: order.id, version: String(order.modifiedAt) },
        warnings: [],
      }),
      doSync: async (batch, { signal }) => {
        const outcomes = []
        for (const entry of batch) {
          for (let call = 1; call <= calls; call += 1) {
            await transport.send({
              endpoint: '/orders',
              method: 'POST',
              body: JSON.stringify(calls === 1 ? entry.payload : { ...entry.payload, call }),
              decode: t.unknown,
              ...(signal === undefined ? {} : { signal }),
            })
          }
          outcomes.push({ status: 'succeeded' as const })
        }
        return outcomes
      },
    },
  }
}

const base = arbitraryOrder(seededIntegers(7), 'base')

function version(id: string, minute: number): OrderInput {
  return { ...base, id, modifiedAt: `2026-12-07T10:${String(minute).padStart(2, '0')}:00+08:00` }
}

const at = (minute: number): string =>
  String(Date.parse(`2026-12-07T10:${String(minute).padStart(2, '0')}:00+08:00`))

describe('syncOrders converges on the newest version', () => {
  it('sends the newest version again after an older one timed out and landed late, in one run', async () => {
    const late = latePlatform(40)
    late.holdNext((body) => body.id === 'o-1' && body.version === at(1), 150)
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1), version('o-1', 2)],
      lateArrivalMs: 300,
    })
    await late.settled()
    // v1 timed out and was retried, v2 went, v1's first request landed late, v2 went again.
    expect(late.applied).toEqual([`o-1@${at(1)}`, `o-1@${at(2)}`, `o-1@${at(1)}`, `o-1@${at(2)}`])
    expect(late.stored.get('o-1')).toEqual({ version: at(2) })
    expect(report.results.map((result) => result.status)).toEqual(['succeeded', 'succeeded'])
  })

  it('leaves an order alone when every request was answered (no second send)', async () => {
    const late = latePlatform(40)
    await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1), version('o-1', 2), version('o-2', 1)],
      lateArrivalMs: 300,
    })
    expect(late.applied).toEqual([`o-1@${at(1)}`, `o-2@${at(1)}`, `o-1@${at(2)}`])
  })

  it('refuses, in a later run sharing the store, a version older than one an earlier run sent', async () => {
    const late = latePlatform(40)
    const versionStore = createMemoryVersionStore()
    await syncOrders({ platform: late.platform, orders: [version('o-1', 5)], versionStore })
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 3)],
      versionStore,
    })
    expect(late.applied).toEqual([`o-1@${at(5)}`])
    expect(report.results[0]).toMatchObject({
      status: 'skipped',
      reason: 'stale_version',
      warnings: [
        {
          code: 'stale_version',
          message:
            'not sent: a newer version of order "o-1" (modifiedAt 2026-12-07T02:05:00.000Z) was already sent, and this one (2026-12-07T02:03:00.000Z) would overwrite it',
        },
      ],
    })
  })

  it('repairs the newest version when two runs race and the older one lands last', async () => {
    const late = latePlatform(40)
    const versionStore = createMemoryVersionStore()
    // Run A sends v1, whose first request hangs and lands late; run B sends v2 meanwhile.
    late.holdNext((body) => body.version === at(1), 120)
    const first = syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1)],
      versionStore,
      lateArrivalMs: 200,
    })
    await new Promise((resolve) => setTimeout(resolve, 10))
    const second = syncOrders({
      platform: late.platform,
      orders: [version('o-1', 2)],
      versionStore,
      lateArrivalMs: 200,
    })
    const reports = await Promise.all([first, second])
    await late.settled()
    expect(late.stored.get('o-1')).toEqual({ version: at(2) })
    expect(late.applied.at(-1)).toBe(`o-1@${at(2)}`)
    expect(reports.map((report) => report.succeeded)).toEqual([1, 1])
  })

  it('sends nothing again when a request in doubt was the last of its send and nothing newer followed', async () => {
    const late = latePlatform(30)
    late.holdNext((body) => body.id === 'o-1', 20)
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1)],
      lateArrivalMs: 50,
    })
    await late.settled()
    // Landing late, the held request repeats what its retry stored: nothing to repair.
    expect(late.applied).toEqual([`o-1@${at(1)}`, `o-1@${at(1)}`])
    expect(report.results[0]).toMatchObject({ status: 'succeeded' })
  })

  it('sends the version again when a request in doubt may land after a later request of its send', async () => {
    const late = latePlatform(30, 2)
    late.holdNext((body) => body.id === 'o-1', 100)
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1)],
      lateArrivalMs: 150,
    })
    await late.settled()
    const v1 = `o-1@${at(1)}`
    // The add in doubt (call 1) landed after the status step (call 2): both were sent again.
    expect(late.applied).toEqual([`${v1}#1`, `${v1}#2`, `${v1}#1`, `${v1}#1`, `${v1}#2`])
    expect(report.results[0]).toMatchObject({ status: 'succeeded' })
  })

  it('fails an order as uncertain when every send of it stays in doubt', async () => {
    const late = latePlatform(30, 2)
    // The first request of the send (request 1) and of its repair (request 4) are each held past
    // the timeout and land after the step that follows them.
    let requests = 0
    const firstOfEachSend = (): boolean => {
      requests += 1
      return requests === 1 || requests === 4
    }
    late.holdNext(firstOfEachSend, 50)
    late.holdNext(firstOfEachSend, 50)
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1)],
      lateArrivalMs: 80,
      maxRepairs: 1,
    })
    await late.settled()
    expect(report.results[0]).toMatchObject({
      status: 'failed',
      delivery: 'uncertain',
      error: {
        message:
          '[ordersync] [late] order "o-1": sent 2 times, and each time a request may still have reached the platform after it, so the platform may hold an older version — sync the order again once the platform answers reliably',
      },
    })
  })

  it('tells doSync what the platform holds when the shared store knows it, and nothing after a doubt', async () => {
    const seen: Array<readonly (string | undefined)[] | undefined> = []
    let doubted = false
    const platform: OrderSyncPlatformV1<string> = {
      specificationVersion: 'v1',
      platform: 'holds',
      maxBatchSize: 2,
      prepare: (order) => ({
        orderId: order.id,
        payload: `${order.id}@${order.modifiedAt}`,
        warnings: [],
      }),
      doSync: async (batch, { holds, onInDoubt }) => {
        seen.push(holds?.map((held) => held?.payload))
        if (!doubted && batch.some((entry) => entry.payload === `o-2@${at(3)}`)) {
          doubted = true
          onInDoubt?.()
        }
        return batch.map(() => ({ status: 'succeeded' as const }))
      },
    }
    const versionStore = createMemoryVersionStore()
    await syncOrders({ platform, orders: [version('o-1', 1)], versionStore })
    await syncOrders({
      platform,
      orders: [version('o-1', 2), version('o-2', 3)],
      versionStore,
      lateArrivalMs: 10,
    })
    await syncOrders({ platform, orders: [version('o-1', 4), version('o-2', 5)], versionStore })
    expect(seen).toEqual([
      undefined,
      [`o-1@${at(1)}`, undefined],
      // The batch was in doubt (o-2's request), so both orders were sent again, knowing nothing.
      undefined,
      [`o-1@${at(2)}`, `o-2@${at(3)}`],
    ])
  })

  it('never forgets an order while a request of it may still land, however small the store', async () => {
    const late = latePlatform(40)
    late.holdNext((body) => body.id === 'o-1' && body.version === at(1), 150)
    await syncOrders({
      platform: late.platform,
      concurrency: 1,
      orders: ['o-1', 'o-2', 'o-3', 'o-4'].map((id) => version(id, 1)).concat(version('o-1', 2)),
      versionStore: createMemoryVersionStore({ maxOrders: 2 }),
      lateArrivalMs: 300,
    })
    await late.settled()
    expect(late.applied.slice(-3)).toEqual([`o-1@${at(2)}`, `o-1@${at(1)}`, `o-1@${at(2)}`])
    expect(late.stored.get('o-1')).toEqual({ version: at(2) })
  })

  it('fails, as uncertain, a result still waiting for its repair when the run is aborted', async () => {
    const late = latePlatform(40)
    late.holdNext((body) => body.version === at(1), 150)
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 200)
    const report = await syncOrders({
      platform: late.platform,
      orders: [version('o-1', 1), version('o-1', 2)],
      lateArrivalMs: 300,
      signal: stop.signal,
    })
    await late.settled()
    expect(report.aborted).toBe(true)
    expect(report.results[1]).toMatchObject({
      status: 'failed',
      delivery: 'uncertain',
      error: {
        message:
          '[ordersync] [late] order "o-1": the run stopped before its newest version was sent again after a request that may still land, so the platform may hold an older version — sync the order again',
      },
    })
  })
})
