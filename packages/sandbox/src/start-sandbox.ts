import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createDefaultSandboxModules } from './default-sandbox-modules.ts'
import type { SandboxControl } from './sandbox-control.ts'
import { createRouteTable } from './sandbox-routes.ts'
import { createSandboxState } from './sandbox-state.ts'
import type { SandboxCredentials, SandboxPlatformModule } from './sandbox-types.ts'
import { createSeededRandom } from './seeded-random.ts'
import { createRequestHandler } from './serve-sandbox-request.ts'

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

function checkLimit(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`[sandbox] ${name} must be a whole number ≥ 0, got ${String(value)}`)
  return value
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
  const table = createRouteTable(options.modules ?? createDefaultSandboxModules())
  const state = createSandboxState(table, createSeededRandom(options.seed ?? 1), {
    maxLogEntries: checkLimit(options.maxLogEntries, 'maxLogEntries', 10_000),
    maxLogBytes: checkLimit(options.maxLogBytes, 'maxLogBytes', 64 * 1024 * 1024),
  })
  const server = createServer(
    createRequestHandler(table, state, {
      maxBodyBytes: checkLimit(options.maxBodyBytes, 'maxBodyBytes', 8 * 1024 * 1024),
      maxLoggedBodyBytes: checkLimit(options.maxLoggedBodyBytes, 'maxLoggedBodyBytes', 256 * 1024),
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const credentials = Object.fromEntries(
    [...table.modules.values()].map((module) => [module.platform, module.credentials]),
  ) as SandboxCredentials<Modules>

  return {
    url: `http://127.0.0.1:${port}`,
    credentials,
    control: state.control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
