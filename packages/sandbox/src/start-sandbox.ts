import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type {
  FaultAction,
  FaultSpec,
  RequestLogEntry,
  SandboxContext,
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
 * const sandbox = await startSandbox({ modules: createDefaultSandboxModules(), port: 4010, seed: 7 })
 * ```
 */
export interface StartSandboxOptions {
  /**
   * The port; 0 picks a free one.
   *
   * @default 0
   */
  readonly port?: number
  /** The platform modules to serve. */
  readonly modules: readonly SandboxPlatformModule[]
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
  /** Injects a fault. */
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
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules })
 * try {
 *   console.log(sandbox.url, sandbox.credentials)
 * } finally {
 *   await sandbox.close()
 * }
 * ```
 */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`; point a client's `baseURL` here. */
  readonly url: string
  /** The credentials each platform accepts. */
  readonly credentials: Readonly<Record<string, Readonly<Record<string, string>>>>
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

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
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
 * @param options - The modules, the port and the seed.
 * @returns The running sandbox.
 * @throws `Error` when two modules claim the same method and path.
 * @example
 * ```ts
 * import { startSandbox } from '@ordersync/sandbox'
 *
 * const sandbox = await startSandbox({ modules: [] })
 * await sandbox.close()
 * ```
 */
export async function startSandbox(options: StartSandboxOptions): Promise<Sandbox> {
  const random = createSeededRandom(options.seed ?? 1)
  const maxLogEntries = options.maxLogEntries ?? 10_000
  const routes = new Map<string, { module: SandboxPlatformModule; route: SandboxRoute }>()
  const stores = new Map<string, Map<string, unknown>>()
  const logs = new Map<string, RequestLogEntry[]>()
  const counters = new Map<string, { requests: Record<string, number>; tokenRequests: number }>()
  const faults = new Map<string, ActiveFault[]>()
  const modules = new Map<string, SandboxPlatformModule>()

  for (const module of options.modules) {
    if (modules.has(module.platform))
      throw new Error(`[sandbox] platform ${module.platform} is registered twice`)
    modules.set(module.platform, module)
    stores.set(module.platform, new Map())
    for (const route of module.routes) {
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
    injectFault(spec) {
      const times = spec.times ?? 1
      if (!(times > 0)) throw new Error('[sandbox] a fault needs times > 0')
      if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
        throw new Error('[sandbox] a fault probability is between 0 and 1')
      }
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
      for (const store of stores.values()) store.clear()
      logs.clear()
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
      try {
        control.injectFault(JSON.parse(body) as FaultSpec)
        send(response, { status: 201, body: { ok: true } })
      } catch (error) {
        send(response, {
          status: 400,
          body: { error: error instanceof Error ? error.message : String(error) },
        })
      }
    } else if (path === `${controlPrefix}/faults` && request.method === 'DELETE') {
      control.clearFaults()
      send(response, { status: 200, body: { ok: true } })
    } else {
      send(response, { status: 404, body: { error: 'unknown control endpoint' } })
    }
  }

  const server = createServer(async (request, response) => {
    const arrivedAt = Date.now()
    try {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1')
      const body = await readBody(request)
      if (url.pathname.startsWith(controlPrefix)) {
        await serveControl(request, response, url.pathname, body)
        return
      }
      const match = routes.get(`${request.method} ${url.pathname}`)
      if (match === undefined) {
        send(response, {
          status: 404,
          body: { error: `no sandbox platform serves ${request.method} ${url.pathname}` },
        })
        return
      }
      const { module, route } = match
      const platform = module.platform
      const entryCounters = countersOf(platform)
      if (route.kind === 'token') entryCounters.tokenRequests += 1
      else entryCounters.requests[route.path] = (entryCounters.requests[route.path] ?? 0) + 1
      const fault = takeFault(platform, route.path)
      const log = (status: number | undefined): void => {
        const list = logs.get(platform) ?? []
        list.push({
          platform,
          endpoint: route.path,
          method: request.method ?? 'GET',
          kind: route.kind,
          query: url.search,
          headers: request.headers,
          body,
          status,
          fault: fault?.type,
          at: arrivedAt,
        })
        if (list.length > maxLogEntries) list.splice(0, list.length - maxLogEntries)
        logs.set(platform, list)
      }

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
      if (fault?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))

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
  )

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
