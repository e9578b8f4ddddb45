import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus'
import type { OrderInput } from '@ordersync/core'
import {
  type EnqueueResult,
  type SyncQueue,
  SyncQueuePersistenceError,
  SyncQueueUnavailableError,
} from '@ordersync/queue'
import { boardPath } from './service-board.ts'
import type { ServiceHealth } from './service-health.ts'

// The service's HTTP endpoints: POST /orders, GET /metrics, GET /healthz, GET /readyz, and
// bull-board under /queues (service-board.ts).

/** What the routes need of the service. */
export interface RouteContext {
  readonly queue: SyncQueue
  readonly platform: string
  readonly exporter: PrometheusExporter
  readonly readHealth: () => Promise<ServiceHealth>
  /** bull-board: serves every path under {@link boardPath}. */
  readonly board: RequestListener
}

/** The largest body `POST /orders` reads. */
const maxBodyBytes = 1024 * 1024

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError'
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(`${JSON.stringify(body, null, 2)}\n`)
}

/** The request's body as text, at most {@link maxBodyBytes}. */
async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) throw new BodyTooLargeError(`body over ${maxBodyBytes} bytes`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The orders of a body: one order object, or an array of them; `undefined` for anything else. */
function ordersOf(text: string): OrderInput[] | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return undefined
  }
  const list = Array.isArray(parsed) ? parsed : [parsed]
  const objects = list.every((item) => typeof item === 'object' && item !== null)
  // The queue validates each order; an invalid one comes back as `invalid` with the reasons.
  return objects && list.length > 0 ? (list as OrderInput[]) : undefined
}

/** One enqueue result as JSON: an invalid order's error as its message. */
function resultJson(result: EnqueueResult): Record<string, unknown> {
  if (result.status !== 'invalid') return { ...result }
  return { status: result.status, orderId: result.orderId, error: result.error.message }
}

/**
 * POST /orders: enqueues each order (202), or says which are invalid (422: the others were
 * enqueued), or that Redis did not answer (503: keep the orders and post them again; enqueueing is
 * idempotent).
 */
async function postOrders(
  context: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const orders = ordersOf(await readBody(request))
  if (orders === undefined) {
    return sendJson(response, 400, {
      error: 'expected an order object or a non-empty array of them',
    })
  }
  try {
    const results = await context.queue.enqueueMany(context.platform, orders)
    const invalid = results.some((result) => result.status === 'invalid')
    sendJson(response, invalid ? 422 : 202, { results: results.map(resultJson) })
  } catch (error) {
    if (
      SyncQueueUnavailableError.isInstance(error) ||
      SyncQueuePersistenceError.isInstance(error)
    ) {
      return sendJson(response, 503, { error: error.message })
    }
    throw error
  }
}

/** GET (or HEAD) /healthz and /readyz: 200 or 503 by the verdict, with every check. */
async function probe(
  context: RouteContext,
  verdict: 'live' | 'ready',
  response: ServerResponse,
): Promise<void> {
  const health = await context.readHealth()
  sendJson(response, health[verdict] ? 200 : 503, health)
}

async function route(
  context: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname
  // HEAD is GET without the body (Node's server leaves it out): load balancers and uptime
  // checkers probe with it.
  const key = `${request.method === 'HEAD' ? 'GET' : request.method} ${path}`
  if (key === 'POST /orders') return postOrders(context, request, response)
  if (key === 'GET /metrics') return context.exporter.getMetricsRequestHandler(request, response)
  if (key === 'GET /healthz') return probe(context, 'live', response)
  if (key === 'GET /readyz') return probe(context, 'ready', response)
  if (path === boardPath || path.startsWith(`${boardPath}/`))
    return context.board(request, response)
  sendJson(response, 404, {
    error: 'not found',
    endpoints: ['POST /orders', 'GET /metrics', 'GET /healthz', 'GET /readyz', `GET ${boardPath}`],
  })
}

/** The service's request listener. */
export function createRouter(context: RouteContext): RequestListener {
  return (request, response) => {
    route(context, request, response).catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLargeError
      const message = error instanceof Error ? error.message : String(error)
      if (!response.headersSent) sendJson(response, tooLarge ? 413 : 500, { error: message })
      else response.destroy()
    })
  }
}
