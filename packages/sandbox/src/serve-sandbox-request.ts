import type { IncomingMessage, ServerResponse } from 'node:http'
import { SandboxFaultSpecError } from './check-fault-spec.ts'
import type { SandboxRouteMatch, SandboxRouteTable } from './sandbox-routes.ts'
import type { SandboxState } from './sandbox-state.ts'
import type {
  FaultAction,
  FaultSpec,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from './sandbox-types.ts'

const controlPrefix = '/_sandbox'
// The control endpoints and their methods, for 405 answers.
const controlMethods: Readonly<Record<string, string>> = {
  [`${controlPrefix}/state`]: 'GET',
  [`${controlPrefix}/credentials`]: 'GET',
  [`${controlPrefix}/faults`]: 'POST, DELETE',
}

/** The size limits of what a sandbox reads and logs. */
export interface SandboxBodyLimits {
  readonly maxBodyBytes: number
  readonly maxLoggedBodyBytes: number
}

/** One request as it arrived: when, in which state generation, its URL and body. */
interface Arrival {
  readonly request: IncomingMessage
  readonly response: ServerResponse
  readonly url: URL
  readonly at: number
  readonly generation: number
  /** The body; empty when it was over `maxBodyBytes`. */
  readonly body: string
  readonly bodyBytes: number
  readonly tooLarge: boolean
}

/**
 * The sandbox's request handler: the control API under `/_sandbox/`, and every module's routes,
 * with counting, logging and fault injection. An error of a module is a 500 with its message.
 */
export function createRequestHandler(
  table: SandboxRouteTable,
  state: SandboxState,
  limits: SandboxBodyLimits,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    const at = Date.now()
    const generation = state.generation()
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const received = await readBody(request, limits.maxBodyBytes)
      const arrival: Arrival = {
        request,
        response,
        url,
        at,
        generation,
        body: received.text ?? '',
        bodyBytes: received.bytes,
        tooLarge: received.text === undefined,
      }
      if (url.pathname.startsWith(controlPrefix)) {
        if (arrival.tooLarge) refuseLarge(arrival, limits)
        else serveControl(table, state, arrival)
        return
      }
      const match = table.match(request.method, url.pathname)
      if (match === undefined) send(response, unknownRoute(table, request.method, url.pathname))
      else await servePlatform(state, limits, arrival, match)
    } catch (error) {
      if (!response.headersSent && !response.destroyed) {
        send(response, {
          status: 500,
          body: { error: error instanceof Error ? error.message : String(error) },
        })
      }
    }
  }
}

/** A request to a module's route: counted, logged, and answered by a fault or by the module. */
async function servePlatform(
  state: SandboxState,
  limits: SandboxBodyLimits,
  arrival: Arrival,
  { module, route, modules }: SandboxRouteMatch,
): Promise<void> {
  const platform = module.platform
  // A route shared by several modules (a token authority's) is theirs alike.
  const platforms = modules.map((each) => each.platform)
  state.count(platforms, route)
  const log = (status: number | undefined, fault?: FaultAction): void => {
    if (arrival.generation !== state.generation()) return
    logRequest(state, limits, arrival, { platforms, route, status, fault })
  }
  if (arrival.tooLarge) {
    log(413)
    refuseLarge(arrival, limits)
    return
  }
  const fault = state.takeFault(platforms, route.path)
  if (fault !== undefined && fault.type !== 'delay') {
    applyFault(arrival, fault, log)
    return
  }
  if (fault?.type === 'delay') {
    await new Promise((resolve) => setTimeout(resolve, fault.ms))
    if (arrival.generation !== state.generation()) {
      arrival.request.socket.destroy()
      return
    }
  }
  const answer = await route.handle(toSandboxRequest(arrival), {
    store: state.store(platform),
    now: Date.now,
    random: state.random,
  })
  log(answer.status, fault)
  if (!arrival.response.destroyed) send(arrival.response, answer)
}

/** A drop, a status or a body in place of the module's answer. */
function applyFault(
  arrival: Arrival,
  fault: Exclude<FaultAction, { type: 'delay' }>,
  log: (status: number | undefined, fault: FaultAction) => void,
): void {
  if (fault.type === 'drop') {
    log(undefined, fault)
    arrival.request.socket.destroy()
  } else if (fault.type === 'status') {
    log(fault.status, fault)
    send(arrival.response, {
      status: fault.status,
      ...(fault.headers === undefined ? {} : { headers: fault.headers }),
      body: fault.body ?? '',
    })
  } else {
    log(fault.status ?? 200, fault)
    send(arrival.response, { status: fault.status ?? 200, body: fault.body })
  }
}

function toSandboxRequest(arrival: Arrival): SandboxRequest {
  let json: unknown
  try {
    json = arrival.body === '' ? undefined : JSON.parse(arrival.body)
  } catch {
    json = undefined
  }
  return {
    method: arrival.request.method ?? 'GET',
    path: arrival.url.pathname,
    query: arrival.url.searchParams,
    headers: arrival.request.headers,
    body: arrival.body,
    json,
  }
}

function logRequest(
  state: SandboxState,
  limits: SandboxBodyLimits,
  arrival: Arrival,
  what: {
    readonly platforms: readonly string[]
    readonly route: SandboxRoute
    readonly status: number | undefined
    readonly fault: FaultAction | undefined
  },
): void {
  const logged = cutToBytes(arrival.body, limits.maxLoggedBodyBytes)
  state.appendLog(
    {
      platform: what.platforms[0] ?? '',
      endpoint: what.route.path,
      method: arrival.request.method ?? 'GET',
      kind: what.route.kind,
      query: arrival.url.search,
      headers: arrival.request.headers,
      body: logged,
      bodyBytes: arrival.bodyBytes,
      bodyTruncated: arrival.tooLarge
        ? arrival.bodyBytes > 0
        : logged.length !== arrival.body.length,
      status: what.status,
      fault: what.fault?.type,
      at: arrival.at,
    },
    what.platforms,
  )
}

function unknownRoute(
  table: SandboxRouteTable,
  method: string | undefined,
  path: string,
): SandboxResponse {
  const allowed = table.methodsOn(path)
  if (allowed === undefined) {
    return { status: 404, body: { error: `no sandbox platform serves ${method} ${path}` } }
  }
  return {
    status: 405,
    headers: { allow: [...allowed].join(', ') },
    body: { error: `${method} is not served on ${path}; use ${[...allowed].join(' or ')}` },
  }
}

function refuseLarge(arrival: Arrival, limits: SandboxBodyLimits): void {
  send(arrival.response, {
    status: 413,
    body: {
      error: `[sandbox] the request body is ${arrival.bodyBytes} bytes, more than maxBodyBytes ${limits.maxBodyBytes}`,
    },
  })
}

/** `GET /_sandbox/state`, `GET /_sandbox/credentials`, `POST /_sandbox/faults`, `DELETE /_sandbox/faults`. */
function serveControl(table: SandboxRouteTable, state: SandboxState, arrival: Arrival): void {
  const { request, response } = arrival
  const path = arrival.url.pathname
  const { control } = state
  if (path === `${controlPrefix}/state` && request.method === 'GET') {
    const body: Record<string, unknown> = {}
    for (const platform of table.modules.keys()) {
      body[platform] = {
        orders: Object.fromEntries(control.orders(platform)),
        counters: control.counters(platform),
      }
    }
    send(response, { status: 200, body })
  } else if (path === `${controlPrefix}/credentials` && request.method === 'GET') {
    // The sandbox's own test credentials, made up at start: nothing real, loopback only.
    const body = Object.fromEntries(
      [...table.modules.values()].map((module) => [module.platform, module.credentials]),
    )
    send(response, { status: 200, body })
  } else if (path === `${controlPrefix}/faults` && request.method === 'POST') {
    send(response, injectFaultFromBody(state, arrival.body))
  } else if (path === `${controlPrefix}/faults` && request.method === 'DELETE') {
    control.clearFaults()
    send(response, { status: 200, body: { ok: true } })
  } else if (controlMethods[path] !== undefined) {
    send(response, {
      status: 405,
      headers: { allow: controlMethods[path] },
      body: { error: `${request.method} is not served on ${path}; use ${controlMethods[path]}` },
    })
  } else {
    send(response, { status: 404, body: { error: 'unknown control endpoint' } })
  }
}

function injectFaultFromBody(state: SandboxState, body: string): SandboxResponse {
  let spec: unknown
  try {
    spec = JSON.parse(body)
  } catch {
    return {
      status: 400,
      body: { error: '[sandbox] invalid fault spec: the body is not JSON', field: '(spec)' },
    }
  }
  try {
    state.control.injectFault(spec as FaultSpec)
    return { status: 201, body: { ok: true } }
  } catch (error) {
    if (!(error instanceof SandboxFaultSpecError)) throw error
    return { status: 400, body: { error: error.message, field: error.field } }
  }
}

/** The body, or its size alone when it is over the limit (the rest is read and discarded). */
function readBody(
  request: IncomingMessage,
  maxBytes: number,
): Promise<{ readonly text: string | undefined; readonly bytes: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let bytes = 0
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes <= maxBytes) chunks.push(chunk)
      else chunks.length = 0
    })
    request.on('end', () =>
      resolve({
        text: bytes > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8'),
        bytes,
      }),
    )
    request.on('error', reject)
  })
}

/** The first `maxBytes` bytes of a text, cut at a character boundary. */
function cutToBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8')
  if (bytes.length <= maxBytes) return text
  let end = maxBytes
  // Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1
  return bytes.subarray(0, end).toString('utf8')
}

function send(response: ServerResponse, answer: SandboxResponse): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
  response.writeHead(answer.status, {
    'content-type':
      typeof answer.body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json; charset=utf-8',
    ...answer.headers,
  })
  response.end(text)
}
