import { metrics } from '@opentelemetry/api'
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import { resourceFromAttributes } from '@opentelemetry/resources'
import {
  type DataPoint,
  MeterProvider,
  type MetricData,
  type MetricProducer,
  type ScopeMetrics,
} from '@opentelemetry/sdk-metrics'
import type { WorkerPool } from './worker-pool.ts'

// The service's metrics: its own OpenTelemetry SDK with the Prometheus exporter (no server of its
// own: the service's `GET /metrics` calls its request handler), the queue's gauges that
// `instrumentSyncQueue` registers in this process, and the workers' metrics — core's counters and
// histogram, recorded in each worker process — brought in at each scrape through the exporter's
// `metricProducers`: the service asks every running worker for its data points over IPC and adds
// the label `worker="<slot>"`, so that one series never mixes two processes. A worker's counters
// start again from 0 when its process restarts, which Prometheus's `rate()` and `increase()` read
// as the counter reset it is.

/** How long a scrape waits for each worker's metrics; a worker that does not answer is left out. */
const workerMetricsTimeoutMs = 2_000

/** Every data point labelled with the worker it comes from. */
function labelled<T>(points: readonly DataPoint<T>[], slot: number): DataPoint<T>[] {
  return points.map((point) => ({
    ...point,
    attributes: { ...point.attributes, worker: `${slot}` },
  }))
}

/**
 * The workers' scope metrics as one list: one entry per scope and one metric per name, holding
 * every worker's labelled data points (the exporter writes one `# HELP`/`# TYPE` per entry).
 */
function mergeWorkerMetrics(
  replies: readonly { readonly slot: number; readonly scopeMetrics: readonly ScopeMetrics[] }[],
): ScopeMetrics[] {
  const scopes = new Map<string, ScopeMetrics>()
  for (const { slot, scopeMetrics } of replies) {
    for (const { scope, metrics: scopeEntries } of scopeMetrics) {
      const key = `${scope.name}@${scope.version ?? ''}`
      const merged = scopes.get(key) ?? { scope, metrics: [] }
      scopes.set(key, merged)
      for (const metric of scopeEntries) {
        const points = labelled<unknown>(metric.dataPoints, slot)
        const index = merged.metrics.findIndex(
          (entry) => entry.descriptor.name === metric.descriptor.name,
        )
        const existing = merged.metrics[index]
        // The same instrument in every worker: the points are of the metric's own kind.
        const combined = {
          ...metric,
          dataPoints: [...(existing?.dataPoints ?? []), ...points],
        } as MetricData
        if (existing === undefined) merged.metrics.push(combined)
        else merged.metrics[index] = combined
      }
    }
  }
  return [...scopes.values()]
}

/** A producer of the workers' metrics, for the exporter to add to the service's own at a scrape. */
function workerMetricsProducer(pool: WorkerPool): MetricProducer {
  return {
    async collect() {
      const answers = await pool.ask('metrics', workerMetricsTimeoutMs)
      const replies = answers.flatMap(({ slot, answer }) =>
        answer.kind === 'answered' && answer.message.type === 'metrics'
          ? [{ slot: slot.slot, scopeMetrics: answer.message.scopeMetrics }]
          : [],
      )
      const errors = answers
        .filter(({ answer }) => answer.kind === 'timed out')
        .map(({ slot }) => new Error(`worker ${slot.slot} sent no metrics within 2 s`))
      // The resource is the service's: the reader keeps its SDK's own and ignores this one.
      return {
        resourceMetrics: {
          resource: resourceFromAttributes({}),
          scopeMetrics: mergeWorkerMetrics(replies),
        },
        errors,
      }
    },
  }
}

/** The service's SDK and exporter. */
export interface ServiceMetrics {
  readonly exporter: PrometheusExporter
  /** Shuts the SDK down and unregisters it. */
  close(): Promise<void>
}

/**
 * Registers the service's OpenTelemetry SDK globally (so that `instrumentSyncQueue` records into
 * it), with a Prometheus exporter that also serves the workers' metrics.
 */
export function startServiceMetrics(pool: WorkerPool): ServiceMetrics {
  const exporter = new PrometheusExporter({
    preventServerStart: true,
    metricProducers: [workerMetricsProducer(pool)],
  })
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'ordersync-ops-example' }),
    readers: [exporter],
  })
  metrics.setGlobalMeterProvider(provider)
  return {
    exporter,
    async close() {
      await provider.shutdown()
      metrics.disable()
    },
  }
}
