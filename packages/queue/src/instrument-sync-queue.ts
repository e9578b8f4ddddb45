import type { BatchObservableCallback, ObservableGauge } from '@opentelemetry/api'
import { InvalidArgumentError } from '@ordersync/core'
import type { SyncQueue, SyncQueueCounts } from './sync-queue.ts'

// The queue's counts as OpenTelemetry gauges, through `@opentelemetry/api` only, an optional peer
// dependency loaded when `instrumentSyncQueue` is called, as @ordersync/core loads it: without it
// nothing is recorded and nothing breaks. One batch callback reads `counts()` of each platform at
// each collection; a platform whose counts fail (Redis down) records nothing that time.

type OtelApi = typeof import('@opentelemetry/api')

// A variable, so that a bundler does not try to resolve an optional package it may not have.
const apiModule = '@opentelemetry/api'

/**
 * What {@link instrumentSyncQueue} measures, and under which meter.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const options: SyncQueueInstrumentationOptions = { platforms: ['youshu'], meterName: 'my-app' }
 * ```
 */
export interface SyncQueueInstrumentationOptions {
  /** The platforms to measure: some of the queue's (default: all of them). */
  readonly platforms?: readonly string[]
  /** The name of the meter the gauges belong to (default `@ordersync/queue`). */
  readonly meterName?: string
}

/**
 * The gauges {@link instrumentSyncQueue} registered.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const instrumentation = await instrumentSyncQueue(queue)
 * if (!instrumentation.active) console.warn('install @opentelemetry/api for the queue metrics')
 * instrumentation.unregister()
 * ```
 */
export interface SyncQueueInstrumentation {
  /** Whether gauges were registered: `false` when `@opentelemetry/api` is not installed. */
  readonly active: boolean
  /** Removes the gauges' callback: the queue is no longer read at collections. Idempotent. */
  unregister(): void
}

/**
 * Registers observable gauges of the queue's counts, when `@opentelemetry/api` is installed (an
 * optional peer dependency; with it but no SDK configured, nothing is collected). At each
 * collection one batch callback reads {@link SyncQueue.counts} of each platform and observes, with
 * the attribute `ordersync.platform`: `ordersync.queue.waiting`, `ordersync.queue.active`,
 * `ordersync.queue.delayed`, `ordersync.queue.dead_lettered` (orders) and
 * `ordersync.queue.oldest_waiting_age` (seconds). A platform whose counts fail (Redis down,
 * beyond the queue's `timeoutMs`) records nothing at that collection; the callback never throws.
 * Call `unregister()` before closing the queue.
 *
 * @param queue - The queue to measure (any process's: the counts are across every worker).
 * @param options - Which platforms, and the meter's name.
 * @returns The registration; `active` is `false` without `@opentelemetry/api`.
 * @throws `InvalidArgumentError` (`@ordersync/core`) for a platform the queue does not serve.
 *
 * @example
 * ```ts
 * // type-checked only: it needs a Redis server, which the examples' sandbox does not run
 * const queue = createSyncQueue({ connection: { host: '127.0.0.1', port: 6379 }, platforms: { youshu: {} } })
 * const instrumentation = await instrumentSyncQueue(queue)
 * // … at shutdown
 * instrumentation.unregister()
 * await queue.close()
 * ```
 */
export async function instrumentSyncQueue(
  queue: SyncQueue,
  options: SyncQueueInstrumentationOptions = {},
): Promise<SyncQueueInstrumentation> {
  const platforms = checkPlatforms(queue, options.platforms)
  const api = await import(/* @vite-ignore */ apiModule).then(
    (module: OtelApi) => module,
    () => undefined,
  )
  if (api === undefined) return { active: false, unregister: () => {} }
  const meter = api.metrics.getMeter(options.meterName ?? '@ordersync/queue')
  const gauge = (name: string, description: string, unit: string): ObservableGauge =>
    meter.createObservableGauge(`ordersync.queue.${name}`, { description, unit })
  const gauges = {
    waiting: gauge('waiting', 'Orders waiting for a worker', '{order}'),
    active: gauge('active', 'Orders a worker is sending or holding for the rate limit', '{order}'),
    delayed: gauge('delayed', 'Orders waiting to be retried or out their doubt horizon', '{order}'),
    deadLettered: gauge('dead_lettered', 'Orders in the dead-letter queue', '{order}'),
    oldestWaitingAge: gauge(
      'oldest_waiting_age',
      'How long the oldest order waiting for a worker has been in the queue',
      's',
    ),
  }
  const observables = Object.values(gauges)
  const callback: BatchObservableCallback = async (result) => {
    const read = await Promise.allSettled(platforms.map((platform) => queue.counts(platform)))
    read.forEach((outcome, index) => {
      if (outcome.status === 'rejected') return
      const counts: SyncQueueCounts = outcome.value
      const attributes = { 'ordersync.platform': platforms[index] as string }
      result.observe(gauges.waiting, counts.waiting, attributes)
      result.observe(gauges.active, counts.active, attributes)
      result.observe(gauges.delayed, counts.delayed, attributes)
      result.observe(gauges.deadLettered, counts.dead, attributes)
      result.observe(gauges.oldestWaitingAge, counts.oldestWaitingAgeMs / 1000, attributes)
    })
  }
  meter.addBatchObservableCallback(callback, observables)
  let registered = true
  return {
    active: true,
    unregister() {
      if (!registered) return
      registered = false
      meter.removeBatchObservableCallback(callback, observables)
    },
  }
}

function checkPlatforms(
  queue: SyncQueue,
  platforms: readonly string[] | undefined,
): readonly string[] {
  if (platforms === undefined) return queue.platforms
  const unknown = platforms.filter((platform) => !queue.platforms.includes(platform))
  if (unknown.length > 0) {
    throw new InvalidArgumentError({
      platform: 'queue',
      argument: 'platforms',
      reason: `this queue serves ${queue.platforms.join(', ')}, not ${unknown.map((platform) => JSON.stringify(platform)).join(', ')}`,
    })
  }
  return [...new Set(platforms)]
}
