import { metrics } from '@opentelemetry/api'
import { type CollectionResult, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { instrumentSyncQueue, type SyncQueueInstrumentation } from './instrument-sync-queue.ts'
import { createSyncQueue, type SyncQueue } from './sync-queue.ts'
import { SyncQueueUnavailableError } from './sync-queue-unavailable-error.ts'
import { orderVersion, testConnection } from './test-support.ts'

// The SDK in memory, as an application that runs OpenTelemetry would set it up, reading the gauges
// of a queue on the tests' Redis with no worker, so that its counts stay where the test put them.

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}
// A provider per test: a cumulative reader keeps the last value of every attribute set it saw.
let reader: TestReader
const names = ['waiting', 'active', 'delayed', 'dead_lettered', 'oldest_waiting_age'].map(
  (name) => `ordersync.queue.${name}`,
)

let queue: SyncQueue
let instrumentation: SyncQueueInstrumentation | undefined
let run = 0

beforeEach(() => {
  run += 1
  reader = new TestReader()
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
  queue = createSyncQueue({
    connection: testConnection(),
    // The tests' Redis runs without persistence on purpose.
    persistence: 'ignore',
    prefix: `test-${process.pid}-metrics-${run}`,
    platforms: { 'token-test': {}, idle: {} },
  })
})
afterEach(async () => {
  metrics.disable()
  instrumentation?.unregister()
  instrumentation = undefined
  await queue.close()
})

interface Point {
  readonly value: unknown
  readonly attributes: unknown
}

async function collected(): Promise<{ byName: Record<string, Point[]>; errors: unknown[] }> {
  const { resourceMetrics, errors }: CollectionResult = await reader.collect()
  const byName: Record<string, Point[]> = Object.fromEntries(names.map((name) => [name, []]))
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      if (!metric.descriptor.name.startsWith('ordersync.queue.')) continue
      expect(scope.scope.name).toBe('@ordersync/queue')
      expect(metric.descriptor.unit).toBe(
        metric.descriptor.name === 'ordersync.queue.oldest_waiting_age' ? 's' : '{order}',
      )
      byName[metric.descriptor.name] = metric.dataPoints.map((point) => ({
        value: point.value,
        attributes: point.attributes,
      }))
    }
  }
  return { byName, errors }
}

describe('instrumentSyncQueue', () => {
  it("observes each platform's counts as gauges, with its id as the only attribute", async () => {
    const enqueuedAt = Date.now()
    await queue.enqueueMany(
      'token-test',
      ['a', 'b', 'c'].map((id) => orderVersion(id, 1)),
    )
    instrumentation = await instrumentSyncQueue(queue)
    expect(instrumentation.active).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 250))

    const { byName, errors } = await collected()
    const elapsedS = (Date.now() - enqueuedAt) / 1000
    expect(errors).toEqual([])
    const tokenTest = { 'ordersync.platform': 'token-test' }
    const idle = { 'ordersync.platform': 'idle' }
    expect(byName['ordersync.queue.waiting']).toEqual([
      { value: 3, attributes: tokenTest },
      { value: 0, attributes: idle },
    ])
    for (const name of ['active', 'delayed', 'dead_lettered']) {
      expect(byName[`ordersync.queue.${name}`]).toEqual([
        { value: 0, attributes: tokenTest },
        { value: 0, attributes: idle },
      ])
    }
    const [age, idleAge] = byName['ordersync.queue.oldest_waiting_age'] ?? []
    expect(age?.attributes).toEqual(tokenTest)
    expect(age?.value).toBeGreaterThanOrEqual(0.25)
    expect(age?.value).toBeLessThanOrEqual(elapsedS)
    expect(idleAge).toEqual({ value: 0, attributes: idle })
  })

  it('reads the platforms asked for at each collection, and no more once unregistered', async () => {
    await queue.enqueue('idle', orderVersion('a', 1))
    const read: string[] = []
    const counted: SyncQueue = {
      ...queue,
      counts: (platform) => {
        read.push(platform)
        return queue.counts(platform)
      },
    }
    instrumentation = await instrumentSyncQueue(counted, { platforms: ['idle'] })
    expect((await collected()).byName['ordersync.queue.waiting']).toEqual([
      { value: 1, attributes: { 'ordersync.platform': 'idle' } },
    ])
    expect(read).toEqual(['idle'])
    instrumentation.unregister()
    instrumentation.unregister()
    await collected()
    expect(read).toEqual(['idle'])
    await expect(instrumentSyncQueue(queue, { platforms: ['wechat'] })).rejects.toThrow(
      /serves token-test, idle, not "wechat"/,
    )
  })

  it('records nothing for a platform whose counts fail, and never fails the collection', async () => {
    const failing: SyncQueue = {
      ...queue,
      counts: async (platform) => {
        if (platform === 'idle') return queue.counts(platform)
        throw new SyncQueueUnavailableError({
          operation: 'counts',
          timeoutMs: 5000,
          reason: 'Redis is down',
        })
      },
    }
    instrumentation = await instrumentSyncQueue(failing)
    const { byName, errors } = await collected()
    expect(errors).toEqual([])
    for (const name of names) {
      expect(byName[name]).toEqual([{ value: 0, attributes: { 'ordersync.platform': 'idle' } }])
    }
  })
})
