import { fileURLToPath } from 'node:url'
import { metrics } from '@opentelemetry/api'
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import {
  checkSyncQueueHealth,
  createSyncQueue,
  createSyncWorker,
  type SyncQueue,
  type SyncWorker,
} from '@ordersync/queue'
import type { FromWorker, ToWorker, WorkerSettings } from './worker-settings.ts'
import { platform, youshuWorkerPlatform } from './youshu-client.ts'

// One worker process of the service (started by worker-pool.ts with `fork`): the OpenTelemetry
// SDK, so that core records its metrics here, then a queue and a sync worker for the service's
// platform. It answers the service's requests for its health (checkSyncQueueHealth with its own
// worker: only this process can tell whether its worker runs and makes progress) and for its
// metrics (collected on request and sent over the IPC channel; the service's Prometheus exporter
// serves them). It closes gracefully when asked, and ends when the service goes away.

/**
 * The path of this script, for the service to start it as a child process.
 *
 * @internal
 */
export const workerScript: string = fileURLToPath(import.meta.url)

/** A metric reader that collects when the service asks, and exports nowhere by itself. */
class OnRequestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Registers the SDK globally: core's counters and histogram record into it from now on. */
function registerMeterProvider(): { reader: OnRequestReader; provider: MeterProvider } {
  const reader = new OnRequestReader()
  // Core advises the buckets of ordersync.call.duration itself (seconds, 5 ms to 60 s).
  const provider = new MeterProvider({ readers: [reader] })
  metrics.setGlobalMeterProvider(provider)
  return { reader, provider }
}

function send(message: FromWorker): void {
  process.send?.(message)
}

/** The queue and the sync worker of this process; resolves once the worker takes jobs. */
async function startWorker(
  settings: WorkerSettings,
): Promise<{ queue: SyncQueue; worker: SyncWorker }> {
  const log = (error: Error) => console.error(`[worker ${settings.slot}] ${error.message}`)
  const queue = createSyncQueue({
    connection: settings.redis,
    prefix: settings.prefix,
    platforms: { [platform]: settings.platformSettings },
    // The service's queue reports Redis's persistence; one report is enough.
    persistence: 'ignore',
    onError: log,
  })
  const worker = createSyncWorker(queue, {
    platforms: [youshuWorkerPlatform(settings.baseURL, settings.credentials)],
    concurrency: settings.concurrency,
    lockMs: settings.lockMs,
    stalledIntervalMs: settings.stalledIntervalMs,
    lateArrivalMs: settings.lateArrivalMs,
    onError: log,
  })
  await worker.waitUntilReady()
  return { queue, worker }
}

interface Running {
  readonly queue: SyncQueue
  readonly worker: SyncWorker
  readonly settings: WorkerSettings
}

/** Closes the worker (orders in flight get `graceMs`), the queue and the SDK, then exits. */
async function closeAndExit(running: Running | undefined, provider: MeterProvider): Promise<never> {
  await running?.worker.close({ graceMs: 10_000 })
  await running?.queue.close()
  await provider.shutdown()
  process.exit(0)
}

/** This process's health, as checkSyncQueueHealth sees its own worker. */
function checkHealth({ queue, worker, settings }: Running) {
  return checkSyncQueueHealth(queue, { worker, stalledAfterMs: settings.stalledAfterMs })
}

async function main(): Promise<void> {
  const { reader, provider } = registerMeterProvider()
  let running: Running | undefined
  let closing = false
  const close = () => {
    if (closing) return
    closing = true
    void closeAndExit(running, provider)
  }
  const answer = async (message: ToWorker) => {
    if (message.type === 'start') {
      running = { ...(await startWorker(message.settings)), settings: message.settings }
      send({ type: 'ready' })
    } else if (message.type === 'close') {
      close()
    } else if (message.type === 'metrics') {
      const { resourceMetrics } = await reader.collect()
      send({ type: 'metrics', id: message.id, scopeMetrics: resourceMetrics.scopeMetrics })
    } else if (running !== undefined) {
      send({ type: 'health', id: message.id, health: await checkHealth(running) })
    }
  }
  process.on('message', (message: ToWorker) => {
    // A worker that cannot start or answer ends, and the service starts another.
    answer(message).catch((error: unknown) => {
      console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    })
  })
  // The service decides when workers stop: a Ctrl-C in a terminal reaches every process of the
  // group, and the service then closes its workers itself.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', close)
  // A worker never outlives its service: when the IPC channel closes, the process ends, and the
  // orders it held are taken over by another worker once their locks run out.
  process.once('disconnect', () => process.exit(0))
}

if (process.argv[1] === workerScript) await main()
