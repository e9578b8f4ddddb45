import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  MeterProvider,
  Span,
  Tracer,
} from '@opentelemetry/api'

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

// The HTTP semantic conventions' advice for request durations (seconds), with 30 and 60 added: one
// call may last up to a minute with its retries.
const durationBuckets = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60,
]

type Instruments = Omit<Telemetry, 'api' | 'tracer'>

function createInstruments(meter: Meter): Instruments {
  return {
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
      advice: { explicitBucketBoundaries: durationBuckets },
    }),
  }
}

function createTelemetry(api: OtelApi): Telemetry {
  // The tracer delegates to whatever provider is registered, now or later. A meter does not
  // (the API has no stand-in for metrics): the instruments are made again from the provider
  // registered now whenever it changed, so that an SDK registered after the first run still
  // receives every measurement from then on.
  const tracer = api.trace.getTracer('@ordersync/core')
  let provider: MeterProvider | undefined
  let instruments: Instruments | undefined
  const current = (): Instruments => {
    const registered = api.metrics.getMeterProvider()
    if (instruments === undefined || registered !== provider) {
      provider = registered
      instruments = createInstruments(registered.getMeter('@ordersync/core'))
    }
    return instruments
  }
  return {
    api,
    tracer,
    get requests() {
      return current().requests
    },
    get retries() {
      return current().retries
    },
    get tokenRefreshes() {
      return current().tokenRefreshes
    },
    get orders() {
      return current().orders
    },
    get callDuration() {
      return current().callDuration
    },
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
