// One process of the telemetry bench: `calls` sends through core's transport to the minimal
// server at `url`, `concurrency` in flight, after a warm-up; prints the CPU per call (µs) as JSON.
// The mode decides what OpenTelemetry finds:
//   off  — `@opentelemetry/api` cannot be resolved (as for a user who did not install it);
//   api  — the API is there, no SDK is configured (every call a no-op);
//   sdk  — the SDK records every span and metric, in memory.
//
//   node scripts/bench/telemetry-client.ts <off|api|sdk> <url> <calls> <concurrency>

import { createRequire, registerHooks } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runPool } from './bench-support.ts'
import { root } from './discover-platforms.ts'

const [mode = 'api', url = '', callsText = '2000', concurrencyText = '8'] = process.argv.slice(2)
const calls = Number(callsText)
const concurrency = Number(concurrencyText)
const fromCore = createRequire(join(root, 'packages', 'core', 'package.json'))
const load = async (name: string): Promise<Record<string, unknown>> =>
  (await import(pathToFileURL(fromCore.resolve(name)).href)) as Record<string, unknown>

if (mode === 'off') {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === '@opentelemetry/api')
        throw new Error('not installed (telemetry bench: off)')
      return nextResolve(specifier, context)
    },
  })
}
if (mode === 'sdk') {
  const api = (await load('@opentelemetry/api')) as {
    trace: { setGlobalTracerProvider(provider: unknown): void }
    metrics: { setGlobalMeterProvider(provider: unknown): void }
  }
  const traces = await load('@opentelemetry/sdk-trace-base')
  const sdkMetrics = await load('@opentelemetry/sdk-metrics')
  type Ctor = new (...args: unknown[]) => unknown
  const exporter = new (traces.InMemorySpanExporter as Ctor)()
  api.trace.setGlobalTracerProvider(
    new (traces.BasicTracerProvider as Ctor)({
      spanProcessors: [new (traces.SimpleSpanProcessor as Ctor)(exporter)],
    }),
  )
  const reader = new (sdkMetrics.PeriodicExportingMetricReader as Ctor)({
    exporter: new (sdkMetrics.InMemoryMetricExporter as Ctor)(
      (sdkMetrics.AggregationTemporality as Record<string, unknown>).CUMULATIVE,
    ),
    exportIntervalMillis: 60_000,
  })
  api.metrics.setGlobalMeterProvider(new (sdkMetrics.MeterProvider as Ctor)({ readers: [reader] }))
  // Spans kept in memory would grow the heap over the run: the exporter is emptied as it goes.
  setInterval(() => (exporter as { reset(): void }).reset(), 200).unref()
}

const core = (await import(
  pathToFileURL(join(root, 'packages', 'core', 'dist', 'index.js')).href
)) as {
  createTransport(options: Record<string, unknown>): {
    send(call: Record<string, unknown>): Promise<unknown>
  }
}
const t = (await load('io-ts')) as { unknown: unknown }
const transport = core.createTransport({
  platform: 'bench',
  baseURL: url,
  classify: ({ status }: { status: number }) =>
    status < 300 ? { outcome: 'success' } : { outcome: 'failure' },
})
const body = JSON.stringify({ orders: [{ id: 'bench-1', lines: [{ sku: 'sku-1', quantity: 2 }] }] })
const send = async (): Promise<void> => {
  await transport.send({
    endpoint: '/orders',
    headers: { 'content-type': 'application/json' },
    body,
    decode: t.unknown,
  })
}
await runPool(Math.min(500, calls), concurrency, send)
const before = process.cpuUsage()
await runPool(calls, concurrency, send)
const spent = process.cpuUsage(before)
process.stdout.write(
  `${JSON.stringify({ mode, cpuPerCallUs: (spent.user + spent.system) / calls })}\n`,
)
process.exit(0)
