import type { IncomingHttpHeaders } from 'node:http'

/**
 * A request as a platform module sees it.
 *
 * @example
 * ```ts
 * const handle = (request: SandboxRequest) => request.query.get('access_token')
 * ```
 */
export interface SandboxRequest {
  readonly method: string
  /** The path, without the query string. */
  readonly path: string
  readonly query: URLSearchParams
  /** Lower-case header names. */
  readonly headers: IncomingHttpHeaders
  /** The raw body. */
  readonly body: string
  /** The body parsed as JSON, or `undefined`. */
  readonly json: unknown
}

/**
 * What a platform module answers.
 *
 * @example
 * ```ts
 * const answer: SandboxResponse = { status: 200, body: { errcode: 0, errmsg: 'ok' } }
 * ```
 */
export interface SandboxResponse {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  /** A string is sent as it is; anything else as JSON. */
  readonly body: unknown
}

/**
 * What a module's handlers get besides the request: the platform's own storage, a clock and a
 * seeded random source.
 *
 * @example
 * ```ts
 * const handle = (_request: SandboxRequest, context: SandboxContext) => context.store.size
 * ```
 */
export interface SandboxContext {
  /** The platform's stored orders (or anything else it keeps), by key. */
  readonly store: Map<string, unknown>
  /** The clock, in epoch milliseconds. */
  readonly now: () => number
  /** A seeded random source in [0, 1). */
  readonly random: () => number
}

/**
 * One endpoint of a platform module.
 *
 * @example
 * ```ts
 * const route: SandboxRoute = { method: 'POST', path: '/shop/order/add', kind: 'api', handle: () => ({ status: 200, body: {} }) }
 * ```
 */
export interface SandboxRoute {
  readonly method: 'GET' | 'POST'
  /** The exact path, as the real platform has it. */
  readonly path: string
  /** Token requests are counted apart from API requests. */
  readonly kind: 'token' | 'api'
  handle(
    request: SandboxRequest,
    context: SandboxContext,
  ): SandboxResponse | Promise<SandboxResponse>
}

/**
 * A platform's stand-in: its endpoints, the credentials it accepts, and its reset and token
 * invalidation. Written from the platform's document alone; it never imports the client.
 *
 * The type parameters carry the platform's name and the shape of its credentials, so that
 * `startSandbox` types `sandbox.credentials` per platform from the modules it was given.
 *
 * @typeParam Platform - The platform's name, e.g. `'youshu'`.
 * @typeParam Credentials - What the module hands out: the settings a client needs against it.
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [myPlatformModule] })
 * ```
 */
export interface SandboxPlatformModule<
  Platform extends string = string,
  Credentials extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  readonly platform: Platform
  /**
   * The credentials the module accepts, shown to users by `startSandbox` and the command, named as
   * the platform's client names its settings so that they can be spread into it. A type alias
   * (not an interface), so that it stays assignable to a string record.
   */
  readonly credentials: Credentials
  readonly routes: readonly SandboxRoute[]
  /** Forgets every issued token, so the next API call with one is rejected as a real platform would. */
  invalidateTokens?(): void
  /** Forgets everything but the credentials. */
  reset?(): void
}

/**
 * A fault to inject in front of a platform's endpoint.
 *
 * - `status`: answer this HTTP status (with optional headers and body) instead of the platform;
 * - `body`: answer this body (JSON unless a string) with status 200 or the given one, e.g. `{"errcode":-1}`;
 * - `delay`: wait, then let the platform apply the request and answer — also when the client gave
 *   up meanwhile, so a delay longer than the client's timeout is a late delivery: the request lands
 *   after the client moved on (perhaps after it sent a newer version);
 * - `drop`: destroy the connection without an answer.
 *
 * @example
 * ```ts
 * const busy: FaultAction = { type: 'body', body: { errcode: -1, errmsg: 'system error' } }
 * ```
 */
export type FaultAction =
  | {
      readonly type: 'status'
      readonly status: number
      readonly headers?: Readonly<Record<string, string>>
      readonly body?: unknown
    }
  | { readonly type: 'body'; readonly body: unknown; readonly status?: number }
  | { readonly type: 'delay'; readonly ms: number }
  | { readonly type: 'drop' }

/**
 * Where and how often to inject a fault.
 *
 * @example
 * ```ts
 * sandbox.control.injectFault({ platform: 'wechat', endpoint: '/shop/order/add', action: { type: 'status', status: 503 }, times: 2 })
 * ```
 */
export interface FaultSpec {
  readonly platform: string
  /** The path; absent for every endpoint of the platform, token endpoints included. */
  readonly endpoint?: string
  readonly action: FaultAction
  /**
   * How many matching requests it applies to; `Infinity` for every one.
   *
   * @default 1
   */
  readonly times?: number
  /**
   * The chance that it applies to a matching request, from the sandbox's seeded random source.
   *
   * @default 1
   */
  readonly probability?: number
}

/**
 * One request the sandbox received.
 *
 * @example
 * ```ts
 * sandbox.control.log('wechat').filter((entry: RequestLogEntry) => entry.kind === 'token').length
 * ```
 */
export interface RequestLogEntry {
  readonly platform: string
  readonly endpoint: string
  readonly method: string
  readonly kind: 'token' | 'api'
  /** The query string as received (the sandbox is the platform's side: it sees credentials). */
  readonly query: string
  readonly headers: IncomingHttpHeaders
  /**
   * The body as received, or its first `maxLoggedBodyBytes` bytes when it was longer (then
   * `bodyTruncated` is true); empty for a body refused as too large (HTTP 413).
   */
  readonly body: string
  /** The size of the body as received, in bytes. */
  readonly bodyBytes: number
  /** Whether `body` holds only the start of the body received. */
  readonly bodyTruncated: boolean
  /** The HTTP status answered, or `undefined` for a dropped connection. */
  readonly status: number | undefined
  /** The fault applied, if any. */
  readonly fault: FaultAction['type'] | undefined
  /** When it arrived, epoch milliseconds. */
  readonly at: number
}

/**
 * The credentials of each platform a sandbox serves, typed from its modules: for the default
 * modules, `sandbox.credentials.youshu` is Youshu's `{ appId, appSecret, merchantId, … }`, ready to
 * spread into `createYoushu`. A new module adds its platform here by being in the module list.
 *
 * @typeParam Modules - The modules the sandbox serves.
 * @example
 * ```ts
 * type Credentials = SandboxCredentials<[ReturnType<typeof createYoushuSandboxModule>]>
 * // { readonly youshu: YoushuSandboxCredentials }
 * ```
 */
export type SandboxCredentials<Modules extends readonly SandboxPlatformModule[]> = {
  readonly [Module in Modules[number] as Module['platform']]: Module['credentials']
}
