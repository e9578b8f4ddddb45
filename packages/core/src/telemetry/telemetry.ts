import type { Attributes, Counter, Histogram, Span, Tracer } from '@opentelemetry/api'

// OpenTelemetry through `@opentelemetry/api` only, an optional peer dependency: loaded on the
// first run or call, when it is installed. Without it nothing is recorded and nothing breaks;
// with it but no SDK configured, its calls are no-ops. Names: `ordersync.` where OpenTelemetry's
// semantic conventions have none; HTTP status as `http.response.status_code`. Attributes carry
// platforms, endpoints, codes and counts only: never an order's content, a secret or a token.

type OtelApi = typeof import('@opentelemetry/api')

/** What ordersync records through OpenTelemetry, once the API is loaded. */
export interface Telemetry {
  readonly api: OtelApi
  readonly tracer: Tracer
  /** Attempts sent to a platform. */
  readonly requests: Counter
  /** Attempts that were retries. */
  readonly retries: Counter
  /** Access tokens fetched (a refresh, or the first). */
  readonly tokenRefreshes: Counter
  /** Orders by outcome and delivery. */
  readonly orders: Counter
  /** How long a platform call took, its retries included (seconds). */
  readonly callDuration: Histogram
}

// A variable, so that a bundler does not try to resolve an optional package it may not have.
const apiModule = '@opentelemetry/api'
let loading: Promise<Telemetry | undefined> | undefined
let loaded: Telemetry | undefined

/**
 * Loads `@opentelemetry/api` once, if it is installed.
 *
 * @returns The instruments, or `undefined` without the package.
 */
export function loadTelemetry(): Promise<Telemetry | undefined> {
  loading ??= import(/* @vite-ignore */ apiModule).then(
    (api: OtelApi) => {
      loaded = createTelemetry(api)
      return loaded
    },
    () => undefined,
  )
  return loading
}

/** The instruments when the API is loaded already (a synchronous path, as a token refresh's). */
export function loadedTelemetry(): Telemetry | undefined {
  return loaded
}

function createTelemetry(api: OtelApi): Telemetry {
  const tracer = api.trace.getTracer('@ordersync/core')
  const meter = api.metrics.getMeter('@ordersync/core')
  return {
    api,
    tracer,
    requests: meter.createCounter('ordersync.requests', {
      description: 'Requests (attempts) sent to a platform',
    }),
    retries: meter.createCounter('ordersync.retries', {
      description: 'Attempts that retried a failed one',
    }),
    tokenRefreshes: meter.createCounter('ordersync.token.refreshes', {
      description: 'Access tokens fetched from a platform',
    }),
    orders: meter.createCounter('ordersync.orders', {
      description: 'Orders synced, by outcome and delivery',
    }),
    callDuration: meter.createHistogram('ordersync.call.duration', {
      description: 'Duration of a platform call, its retries included',
      unit: 's',
    }),
  }
}

/**
 * Runs `work` inside a span that is the active one for everything it starts (the platform calls,
 * and the HTTP client span of the fetch under them, when an SDK with a context manager is set).
 */
export async function inSpan<T>(
  telemetry: Telemetry,
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const { api, tracer } = telemetry
  const span = tracer.startSpan(name, { attributes })
  try {
    return await api.context.with(api.trace.setSpan(api.context.active(), span), () => work(span))
  } finally {
    span.end()
  }
}
