import { context, metrics, trace } from '@opentelemetry/api'
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks'
import { type CollectionResult, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics'
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base'
import * as t from 'io-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiCallError } from '../errors/api-call-error.ts'
import { createTransport } from '../http/transport.ts'
import type { OrderSyncPlatformV1 } from '../sync/platform-contract.ts'
import { syncOrders } from '../sync/sync-orders.ts'
import { sampleOrder } from '../test/sample-orders.ts'
import { createTokenManager } from '../tokens/token-manager.ts'

// The SDK in memory, as an application that runs OpenTelemetry would set it up.
class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}
const spans = new InMemorySpanExporter()
const reader = new TestReader()
const contextManager = new AsyncLocalStorageContextManager()

beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable())
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  )
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }))
})
afterAll(() => {
  trace.disable()
  metrics.disable()
  context.disable()
})

const secret = 'telemetry-app-secret-Zq9'
const phone = '13812345678'

/** A platform whose every call meets a 503 first, then succeeds; each order's payload holds a phone. */
function flakyPlatform(): OrderSyncPlatformV1<string> {
  let calls = 0
  const transport = createTransport({
    platform: 'otel-test',
    baseURL: 'https://api.example.test',
    secrets: [secret],
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    classify: (response) =>
      response.status === 503 ? { outcome: 'retryable' } : { outcome: 'success' },
    fetch: async () => {
      calls += 1
      return calls % 2 === 1
        ? new Response('busy', { status: 503 })
        : new Response('{"code":0}', { status: 200 })
    },
    tokens: {
      manager: createTokenManager({
        platform: 'otel-test',
        key: 'otel-test:app',
        fetchToken: async () => ({ value: 'otel-test-token-value', expiresInMs: 7_200_000 }),
      }),
      apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
    },
  })
  return {
    specificationVersion: 'v1',
    platform: 'otel-test',
    maxBatchSize: 1,
    prepare: (order) => ({
      orderId: order.id,
      payload: JSON.stringify({ id: order.id, phone }),
      warnings: [],
    }),
    doSync: async (batch, { signal }) => {
      await transport.send({
        endpoint: '/orders',
        body: batch[0]?.payload ?? '',
        decode: t.unknown,
        ...(signal === undefined ? {} : { signal }),
      })
      return [{ status: 'succeeded' }]
    },
  }
}

/**
 * A token platform whose answers are scripted in turn (`token` is an answer that rejects the
 * token: errcode 40001), each call of `doSync` one request.
 */
function scriptedPlatform(
  answers: readonly ('ok' | 'token' | 'hang')[],
  retry = { maxAttempts: 1 },
): OrderSyncPlatformV1<string> {
  let calls = 0
  const transport = createTransport({
    platform: 'otel-scripted',
    baseURL: 'https://api.example.test',
    secrets: [secret],
    retry: { ...retry, initialDelayMs: 1, maxDelayMs: 2 },
    classify: (response) => {
      const errcode = (response.json as { errcode?: number } | undefined)?.errcode
      if (errcode === 0) return { outcome: 'success' }
      return { outcome: 'token_invalid', code: 40001, message: 'access_token expired' }
    },
    fetch: (_url, init) => {
      const answer = answers[calls] ?? 'ok'
      calls += 1
      if (answer === 'hang') {
        return new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        })
      }
      const errcode = answer === 'ok' ? 0 : 40001
      return Promise.resolve(new Response(JSON.stringify({ errcode }), { status: 200 }))
    },
    tokens: {
      manager: createTokenManager({
        platform: 'otel-scripted',
        key: `otel-scripted:${Math.random()}`,
        fetchToken: async () => ({ value: 'scripted-token-value', expiresInMs: 7_200_000 }),
      }),
      apply: (request, token) => ({ ...request, query: { ...request.query, access_token: token } }),
    },
  })
  return {
    specificationVersion: 'v1',
    platform: 'otel-scripted',
    maxBatchSize: 1,
    prepare: (order) => ({ orderId: order.id, payload: order.id, warnings: [] }),
    doSync: async (batch, { signal }) => {
      await transport.send({
        endpoint: '/orders',
        body: batch[0]?.payload ?? '',
        decode: t.unknown,
        ...(signal === undefined ? {} : { signal }),
      })
      return [{ status: 'succeeded' }]
    },
  }
}

async function collected(
  from: MetricReader = reader,
): Promise<Record<string, { value: unknown; attributes: unknown }[]>> {
  const { resourceMetrics }: CollectionResult = await from.collect()
  const byName: Record<string, { value: unknown; attributes: unknown }[]> = {}
  for (const scope of resourceMetrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      byName[metric.descriptor.name] = metric.dataPoints.map((point) => ({
        value: point.value,
        attributes: point.attributes,
      }))
    }
  }
  return byName
}

describe('OpenTelemetry, when the application runs an SDK', () => {
  it('records a span per run with a child per platform call, and counts requests, retries, tokens and orders', async () => {
    const report = await syncOrders({
      platform: flakyPlatform(),
      orders: [0, 1, 2].map((index) => ({ ...sampleOrder, id: `otel-${index}` })),
      concurrency: 1,
    })
    expect(report.succeeded).toBe(3)
    const finished = spans.getFinishedSpans()
    const run = finished.find((span) => span.name === 'ordersync.sync')
    const calls = finished.filter((span) => span.name === 'ordersync.call')
    expect(run?.attributes).toEqual({
      'ordersync.platform': 'otel-test',
      'ordersync.orders.read': 3,
      'ordersync.orders.succeeded': 3,
      'ordersync.orders.failed': 0,
      'ordersync.orders.uncertain': 0,
      'ordersync.orders.skipped': 0,
      'ordersync.aborted': false,
    })
    expect(calls).toHaveLength(3)
    for (const call of calls) {
      expect(call.parentSpanContext?.spanId).toBe(run?.spanContext().spanId)
      expect(call.attributes).toEqual({
        'ordersync.platform': 'otel-test',
        'ordersync.endpoint': '/orders',
        'ordersync.outcome': 'succeeded',
        'ordersync.attempts': 2,
        'ordersync.token_replayed': false,
      })
    }
    const byName = await collected()
    const platform = { 'ordersync.platform': 'otel-test', 'ordersync.endpoint': '/orders' }
    expect(byName['ordersync.requests']).toEqual([{ value: 6, attributes: platform }])
    expect(byName['ordersync.retries']).toEqual([{ value: 3, attributes: platform }])
    expect(byName['ordersync.token.refreshes']).toEqual([
      { value: 1, attributes: { 'ordersync.platform': 'otel-test' } },
    ])
    expect(byName['ordersync.orders']).toEqual([
      {
        value: 3,
        attributes: { 'ordersync.platform': 'otel-test', 'ordersync.outcome': 'succeeded' },
      },
    ])
    expect(
      (byName['ordersync.call.duration']?.[0]?.value as { count: number } | undefined)?.count,
    ).toBe(3)
    // No secret, token or personal value in any attribute.
    const recorded = JSON.stringify([finished.map((span) => span.attributes), byName])
    for (const value of [secret, 'otel-test-token-value', phone, 'otel-0']) {
      expect(recorded).not.toContain(value)
    }
  })

  it('names the orders each call carries on its span only when the run asks (traceOrderIds)', async () => {
    spans.reset()
    const report = await syncOrders({
      platform: flakyPlatform(),
      orders: [0, 1].map((index) => ({ ...sampleOrder, id: `traced-${index}` })),
      concurrency: 1,
      traceOrderIds: true,
    })
    expect(report.succeeded).toBe(2)
    const calls = spans.getFinishedSpans().filter((span) => span.name === 'ordersync.call')
    expect(calls.map((call) => call.attributes['ordersync.order_ids'])).toEqual([
      ['traced-0'],
      ['traced-1'],
    ])
    // Never on a metric.
    expect(JSON.stringify(await collected())).not.toContain('traced-0')
  })

  it('records call durations in buckets made for seconds, up to a minute', async () => {
    const byName = await collected()
    const point = byName['ordersync.call.duration']?.[0]?.value as
      | { buckets: { boundaries: number[] } }
      | undefined
    expect(point?.buckets.boundaries).toEqual([
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60,
    ])
  })

  it('records into an SDK registered after the first run (the API has no stand-in for metrics)', async () => {
    const later = new TestReader()
    metrics.disable()
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [later] }))
    const report = await syncOrders({
      platform: flakyPlatform(),
      orders: [{ ...sampleOrder, id: 'later-0' }],
      concurrency: 1,
    })
    expect(report.succeeded).toBe(1)
    const byName = await collected(later)
    expect(byName['ordersync.orders']).toEqual([
      {
        value: 1,
        attributes: { 'ordersync.platform': 'otel-test', 'ordersync.outcome': 'succeeded' },
      },
    ])
    expect(byName['ordersync.requests']?.[0]?.value).toBe(2)
  })

  it('counts a token replay as a request, not a retry', async () => {
    const later = new TestReader()
    metrics.disable()
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [later] }))
    spans.reset()
    const report = await syncOrders({
      platform: scriptedPlatform(['token', 'ok']),
      orders: [{ ...sampleOrder, id: 'replayed-0' }],
    })
    expect(report.succeeded).toBe(1)
    const call = spans.getFinishedSpans().find((span) => span.name === 'ordersync.call')
    expect(call?.attributes).toMatchObject({
      'ordersync.attempts': 2,
      'ordersync.token_replayed': true,
      'ordersync.outcome': 'succeeded',
    })
    const byName = await collected(later)
    expect(byName['ordersync.requests']?.[0]?.value).toBe(2)
    expect(byName['ordersync.retries']).toBeUndefined()
  })

  it('gives the platform code of an AuthenticationError on the call span', async () => {
    spans.reset()
    const report = await syncOrders({
      platform: scriptedPlatform(['token', 'token']),
      orders: [{ ...sampleOrder, id: 'refused-0' }],
    })
    expect(report.results[0]).toMatchObject({ status: 'failed', delivery: 'rejected' })
    const call = spans.getFinishedSpans().find((span) => span.name === 'ordersync.call')
    expect(call?.status).toEqual({ code: 2, message: 'AuthenticationError' })
    expect(call?.attributes).toEqual({
      'ordersync.platform': 'otel-scripted',
      'ordersync.endpoint': '/orders',
      'ordersync.outcome': 'failed',
      'ordersync.delivery': 'rejected',
      'ordersync.platform_code': '40001',
      'ordersync.attempts': 2,
      'ordersync.token_replayed': true,
    })
  })

  it('counts a request cut off by an abort as an attempt sent', async () => {
    const later = new TestReader()
    metrics.disable()
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [later] }))
    spans.reset()
    const controller = new AbortController()
    const pending = syncOrders({
      platform: scriptedPlatform(['hang']),
      orders: [{ ...sampleOrder, id: 'cut-0' }],
      signal: controller.signal,
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    controller.abort(new Error('shutting down'))
    const report = await pending
    const result = report.results[0]
    expect(result).toMatchObject({ status: 'failed', delivery: 'uncertain' })
    if (result?.status !== 'failed') return
    expect(ApiCallError.isInstance(result.error) && result.error.attempts).toEqual([
      { attempt: 1, failure: 'aborted in flight', delayMs: 0 },
    ])
    const call = spans.getFinishedSpans().find((span) => span.name === 'ordersync.call')
    expect(call?.attributes['ordersync.attempts']).toBe(1)
    expect((await collected(later))['ordersync.requests']?.[0]?.value).toBe(1)
  })
})
