import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkFaultSpec, SandboxFaultSpecError } from './check-fault-spec.ts'
import { createDefaultSandboxModules } from './default-sandbox-modules.ts'
import type {
  FaultAction,
  FaultSpec,
  RequestLogEntry,
  SandboxContext,
  SandboxCredentials,
  SandboxPlatformModule,
  SandboxRequest,
  SandboxResponse,
  SandboxRoute,
} from './sandbox-types.ts'
import { createSeededRandom } from './seeded-random.ts'

/**
 * Options of {@link startSandbox}.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ port: 4010, seed: 7, maxBodyBytes: 1_048_576 })
 * ```
 *
 * @typeParam Modules - The modules served; they type `sandbox.credentials`.
 */
export interface StartSandboxOptions<
  Modules extends readonly SandboxPlatformModule[] = readonly SandboxPlatformModule[],
> {
  /**
   * The port; 0 picks a free one.
   *
   * @default 0
   */
  readonly port?: number
  /**
   * The platform modules to serve.
   *
   * @default createDefaultSandboxModules()
   */
  readonly modules?: Modules
  /**
   * The seed of the random source behind probabilistic faults.
   *
   * @default 1
   */
  readonly seed?: number
  /**
   * The longest request log kept per platform; older entries are dropped (counters keep counting).
   *
   * @default 10000
   */
  readonly maxLogEntries?: number
  /**
   * The most bytes of logged bodies kept per platform; the oldest entries are dropped beyond it.
   *
   * @default 67108864 (64 MiB)
   */
  readonly maxLogBytes?: number
  /**
   * The most bytes of one body kept in the log: a longer body is logged cut to this size, with
   * `bodyTruncated: true` and its full size in `bodyBytes`.
   *
   * @default 262144 (256 KiB)
   */
  readonly maxLoggedBodyBytes?: number
  /**
   * The largest request body accepted, in bytes: a larger one is answered HTTP 413 (and logged
   * with an empty body) without reaching the platform module.
   *
   * @default 8388608 (8 MiB)
   */
  readonly maxBodyBytes?: number
}

/**
 * Request counts of one platform.
 *
 * @example
 * ```ts
 * const { requests, tokenRequests } = sandbox.control.counters('wechat')
 * ```
 */
export interface SandboxCounters {
  /** API requests by endpoint path. */
  readonly requests: Readonly<Record<string, number>>
  /** Requests to token endpoints, counted apart. */
  readonly tokenRequests: number
}

/**
 * A handle on an injected fault.
 *
 * @example
 * ```ts
 * const fault = sandbox.control.injectFault({ platform: 'youshu', action: { type: 'drop' }, times: 3 })
 * fault.applied // 0 until a request comes
 * fault.clear()
 * ```
 */
export interface FaultHandle {
  /** How many requests it was applied to so far. */
  readonly applied: number
  /** Removes it. */
  clear(): void
}

/**
 * Looks into and steers a running sandbox.
 *
 * @example
 * ```ts
 * sandbox.control.injectFault({ platform: 'youshu', action: { type: 'drop' } })
 * sandbox.control.counters('youshu').requests['/data-api/v1/order/add_order']
 * ```
 */
export interface SandboxControl {
  /** The stored records of a platform (orders, keyed as the platform keys them). */
  orders(platform: string): ReadonlyMap<string, unknown>
  /** The request log of a platform, or of all. */
  log(platform?: string): readonly RequestLogEntry[]
  /** The request counters of a platform. */
  counters(platform: string): SandboxCounters
  /**
   * Injects a fault.
   *
   * @throws {@link SandboxFaultSpecError} for an unknown type, platform, endpoint or field, naming it.
   */
  injectFault(spec: FaultSpec): FaultHandle
  /** Removes the faults of a platform, or all. */
  clearFaults(platform?: string): void
  /** Makes every token a platform issued invalid. */
  invalidateTokens(platform: string): void
  /** Forgets orders, logs, counters, faults and tokens. */
  reset(): void
}

/**
 * A running sandbox.
 *
 * @typeParam Credentials - The credentials of each platform served.
 * @example
 * ```ts
 * const sandbox = await startSandbox()
 * try {
 *   const youshu = createYoushu({ ...sandbox.credentials.youshu, environment: 'test', baseURL: sandbox.url })
 * } finally {
 *   await sandbox.close()
 * }
 * ```
 */
export interface Sandbox<
  Credentials extends object = Readonly<Record<string, Readonly<Record<string, string>>>>,
> {
  /** `http://127.0.0.1:<port>`; point a client's `baseURL` here. */
  readonly url: string
  /** The credentials each platform accepts, typed per platform from the modules served. */
  readonly credentials: Credentials
  readonly control: SandboxControl
  /** Stops the server and closes its connections. */
  close(): Promise<void>
}

interface ActiveFault {
  readonly spec: FaultSpec
  remaining: number
  applied: number
}

const controlPrefix = '/_sandbox'
// The control endpoints and their methods, for 405 answers.
const controlMethods: Readonly<Record<string, string>> = {
  [`${controlPrefix}/state`]: 'GET',
  [`${controlPrefix}/faults`]: 'POST, DELETE',
}

/** The bytes an entry holds in the log (its body and query). */
function entrySize(entry: RequestLogEntry | undefined): number {
  return entry === undefined ? 0 : Buffer.byteLength(entry.body) + entry.query.length
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

function checkLimit(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`[sandbox] ${name} must be a whole number ≥ 0, got ${String(value)}`)
  return value
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

/**
 * Starts the local stand-in for the platforms: one HTTP server on 127.0.0.1 that serves each
 * module's endpoints on their real paths, logs and counts every request, and injects faults on
 * demand — an HTTP status, a delay, a dropped connection or a given body, once, N times, always,
 * or with a seeded probability.
 *
 * Besides the programmatic `control`, the same state is served as JSON under `/_sandbox/`
 * (`GET /_sandbox/state`, `POST /_sandbox/faults`, `DELETE /_sandbox/faults`) for the standalone
 * command.
 *
 * Without `modules` it serves every default module ({@link createDefaultSandboxModules}). A
 * request body over `maxBodyBytes` is answered 413; a known path with another method 405; a fault
 * spec that names an unknown type, platform, endpoint or field is refused (400 from the control
 * API, {@link SandboxFaultSpecError} from `control.injectFault`). The request log is bounded in
 * entries and in bytes, and long bodies are logged cut (`bodyTruncated`).
 *
 * @param options - The modules, the port, the seed and the limits.
 * @returns The running sandbox, its `credentials` typed per platform served.
 * @throws `Error` when two modules claim the same method and path; the listen error (e.g.
 *   `EADDRINUSE`) when the port cannot be used.
 * @example
 * ```ts
 * import { startSandbox } from '@ordersync/sandbox'
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const sandbox = await startSandbox()
 * const youshu = createYoushu({ ...sandbox.credentials.youshu, environment: 'test', baseURL: sandbox.url })
 * await sandbox.close()
 * ```
 */
export async function startSandbox<
  const Modules extends readonly SandboxPlatformModule[] = ReturnType<
    typeof createDefaultSandboxModules
  >,
>(options: StartSandboxOptions<Modules> = {}): Promise<Sandbox<SandboxCredentials<Modules>>> {
  const moduleList: readonly SandboxPlatformModule[] =
    options.modules ?? createDefaultSandboxModules()
  const random = createSeededRandom(options.seed ?? 1)
  const maxLogEntries = checkLimit(options.maxLogEntries, 'maxLogEntries', 10_000)
  const maxLogBytes = checkLimit(options.maxLogBytes, 'maxLogBytes', 64 * 1024 * 1024)
  const maxLoggedBodyBytes = checkLimit(
    options.maxLoggedBodyBytes,
    'maxLoggedBodyBytes',
    256 * 1024,
  )
  const maxBodyBytes = checkLimit(options.maxBodyBytes, 'maxBodyBytes', 8 * 1024 * 1024)
  const routes = new Map<string, { module: SandboxPlatformModule; route: SandboxRoute }>()
  const stores = new Map<string, Map<string, unknown>>()
  const logs = new Map<string, RequestLogEntry[]>()
  const logBytes = new Map<string, number>()
  const methodsByPath = new Map<string, Set<string>>()
  const endpointsByPlatform = new Map<string, Set<string>>()
  const counters = new Map<string, { requests: Record<string, number>; tokenRequests: number }>()
  const faults = new Map<string, ActiveFault[]>()
  const modules = new Map<string, SandboxPlatformModule>()

  for (const module of moduleList) {
    if (modules.has(module.platform))
      throw new Error(`[sandbox] platform ${module.platform} is registered twice`)
    modules.set(module.platform, module)
    stores.set(module.platform, new Map())
    endpointsByPlatform.set(module.platform, new Set(module.routes.map((route) => route.path)))
    for (const route of module.routes) {
      const methods = methodsByPath.get(route.path) ?? new Set()
      methods.add(route.method)
      methodsByPath.set(route.path, methods)
      const key = `${route.method} ${route.path}`
      const existing = routes.get(key)
      if (existing !== undefined) {
        throw new Error(
          `[sandbox] ${key} is claimed by both ${existing.module.platform} and ${module.platform}`,
        )
      }
      routes.set(key, { module, route })
    }
  }

  const countersOf = (platform: string) => {
    let entry = counters.get(platform)
    if (entry === undefined) {
      entry = { requests: {}, tokenRequests: 0 }
      counters.set(platform, entry)
    }
    return entry
  }

  const takeFault = (platform: string, endpoint: string): FaultAction | undefined => {
    for (const fault of faults.get(platform) ?? []) {
      if (fault.remaining <= 0) continue
      if (fault.spec.endpoint !== undefined && fault.spec.endpoint !== endpoint) continue
      if (fault.spec.probability !== undefined && random() >= fault.spec.probability) continue
      fault.remaining -= 1
      fault.applied += 1
      return fault.spec.action
    }
    return undefined
  }

  // Bumped by reset(): a request that arrived before a reset is not answered after it.
  let generation = 0
  const control: SandboxControl = {
    orders: (platform) => stores.get(platform) ?? new Map(),
    log: (platform) =>
      platform === undefined
        ? [...logs.values()].flat().sort((a, b) => a.at - b.at)
        : (logs.get(platform) ?? []),
    counters: (platform) => {
      const entry = countersOf(platform)
      return { requests: { ...entry.requests }, tokenRequests: entry.tokenRequests }
    },
    injectFault(given) {
      const spec = checkFaultSpec(given, endpointsByPlatform)
      const times = spec.times ?? 1
      const fault: ActiveFault = { spec, remaining: times, applied: 0 }
      const list = faults.get(spec.platform) ?? []
      list.push(fault)
      faults.set(spec.platform, list)
      return {
        get applied() {
          return fault.applied
        },
        clear() {
          fault.remaining = 0
        },
      }
    },
    clearFaults(platform) {
      if (platform === undefined) faults.clear()
      else faults.delete(platform)
    },
    invalidateTokens(platform) {
      modules.get(platform)?.invalidateTokens?.()
    },
    reset() {
      // Requests still in flight from before (a delayed answer) belong to the old state: they are
      // dropped instead of being stored or logged into the new one.
      generation += 1
      for (const store of stores.values()) store.clear()
      logs.clear()
      logBytes.clear()
      counters.clear()
      faults.clear()
      for (const module of modules.values()) module.reset?.()
    },
  }

  const serveControl = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    body: string,
  ): Promise<void> => {
    if (path === `${controlPrefix}/state` && request.method === 'GET') {
      const state: Record<string, unknown> = {}
      for (const platform of modules.keys()) {
        state[platform] = {
          orders: Object.fromEntries(control.orders(platform)),
          counters: control.counters(platform),
        }
      }
      send(response, { status: 200, body: state })
    } else if (path === `${controlPrefix}/faults` && request.method === 'POST') {
      let spec: unknown
      try {
        spec = JSON.parse(body)
      } catch {
        send(response, {
          status: 400,
          body: { error: '[sandbox] invalid fault spec: the body is not JSON', field: '(spec)' },
        })
        return
      }
      try {
        control.injectFault(spec as FaultSpec)
        send(response, { status: 201, body: { ok: true } })
      } catch (error) {
        if (!(error instanceof SandboxFaultSpecError)) throw error
        send(response, { status: 400, body: { error: error.message, field: error.field } })
      }
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

  const server = createServer(async (request, response) => {
    const arrivedAt = Date.now()
    const bornIn = generation
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const received = await readBody(request, maxBodyBytes)
      const body = received.text ?? ''
      const tooLarge = received.text === undefined
      const refuseLarge = (): void =>
        send(response, {
          status: 413,
          body: {
            error: `[sandbox] the request body is ${received.bytes} bytes, more than maxBodyBytes ${maxBodyBytes}`,
          },
        })
      if (url.pathname.startsWith(controlPrefix)) {
        if (tooLarge) refuseLarge()
        else await serveControl(request, response, url.pathname, body)
        return
      }
      const match = routes.get(`${request.method} ${url.pathname}`)
      if (match === undefined) {
        const allowed = methodsByPath.get(url.pathname)
        send(
          response,
          allowed === undefined
            ? {
                status: 404,
                body: { error: `no sandbox platform serves ${request.method} ${url.pathname}` },
              }
            : {
                status: 405,
                headers: { allow: [...allowed].join(', ') },
                body: {
                  error: `${request.method} is not served on ${url.pathname}; use ${[...allowed].join(' or ')}`,
                },
              },
        )
        return
      }
      const { module, route } = match
      const platform = module.platform
      const entryCounters = countersOf(platform)
      if (route.kind === 'token') entryCounters.tokenRequests += 1
      else entryCounters.requests[route.path] = (entryCounters.requests[route.path] ?? 0) + 1
      let fault: FaultAction | undefined
      const log = (status: number | undefined): void => {
        if (bornIn !== generation) return
        const list = logs.get(platform) ?? []
        const logged = cutToBytes(body, maxLoggedBodyBytes)
        list.push({
          platform,
          endpoint: route.path,
          method: request.method ?? 'GET',
          kind: route.kind,
          query: url.search,
          headers: request.headers,
          body: logged,
          bodyBytes: received.bytes,
          bodyTruncated: tooLarge ? received.bytes > 0 : logged.length !== body.length,
          status,
          fault: fault?.type,
          at: arrivedAt,
        })
        // Oldest first out, until both bounds hold.
        let bytes = (logBytes.get(platform) ?? 0) + entrySize(list[list.length - 1])
        let drop = 0
        while (drop < list.length && (list.length - drop > maxLogEntries || bytes > maxLogBytes)) {
          bytes -= entrySize(list[drop])
          drop += 1
        }
        if (drop > 0) list.splice(0, drop)
        logs.set(platform, list)
        logBytes.set(platform, bytes)
      }
      if (tooLarge) {
        log(413)
        refuseLarge()
        return
      }
      fault = takeFault(platform, route.path)

      if (fault?.type === 'drop') {
        log(undefined)
        request.socket.destroy()
        return
      }
      if (fault?.type === 'status') {
        log(fault.status)
        send(response, {
          status: fault.status,
          ...(fault.headers === undefined ? {} : { headers: fault.headers }),
          body: fault.body ?? '',
        })
        return
      }
      if (fault?.type === 'body') {
        log(fault.status ?? 200)
        send(response, { status: fault.status ?? 200, body: fault.body })
        return
      }
      if (fault?.type === 'delay') {
        const { ms } = fault
        await new Promise((resolve) => setTimeout(resolve, ms))
        if (bornIn !== generation) {
          request.socket.destroy()
          return
        }
      }

      let json: unknown
      try {
        json = body === '' ? undefined : JSON.parse(body)
      } catch {
        json = undefined
      }
      const sandboxRequest: SandboxRequest = {
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        json,
      }
      const context: SandboxContext = {
        store: stores.get(platform) as Map<string, unknown>,
        now: Date.now,
        random,
      }
      const answer = await route.handle(sandboxRequest, context)
      log(answer.status)
      if (!response.destroyed) send(response, answer)
    } catch (error) {
      if (!response.headersSent && !response.destroyed) {
        send(response, {
          status: 500,
          body: { error: error instanceof Error ? error.message : String(error) },
        })
      }
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const credentials = Object.fromEntries(
    [...modules.values()].map((module) => [module.platform, module.credentials]),
  ) as SandboxCredentials<Modules>

  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
