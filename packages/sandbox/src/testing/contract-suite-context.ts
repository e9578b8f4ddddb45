import type { OrderSyncPlatformV1, RetryOptions, TransportHooks } from '@ordersync/core'
import type { RequestLogEntry } from '../sandbox-types.ts'
import type { Sandbox } from '../start-sandbox.ts'
import { type ContractSuiteOptions, contractRetry } from './contract-suite-options.ts'

/**
 * What every test of the contract suite shares: the platform's options, the suite's sandbox
 * (started once), the hook events of the current test, and the client each test makes.
 */
export interface ContractSuiteContext<Payload> {
  readonly options: ContractSuiteOptions<Payload>
  /** The platform id of the sandbox module. */
  readonly platform: string
  /** The path orders are synced through. */
  readonly endpoint: string
  /** How many orders the fault soak sends. */
  readonly soakSize: number
  /** The hooks every client gets: they record each event into {@link ContractSuiteContext.events}. */
  readonly hooks: TransportHooks
  /** The fetch every client gets: the real one, unless a test sets {@link ContractSuiteContext.echo}. */
  readonly suiteFetch: typeof globalThis.fetch
  /** The suite's sandbox, once started. */
  readonly sandbox: Sandbox
  /** The hook events of the current test. */
  readonly events: readonly unknown[]
  /** When set, answers requests in place of the sandbox (`undefined` from it passes the request on). */
  echo: ((request: Request) => Promise<Response | undefined>) | undefined
  /** A new client pointed at the sandbox, with a cold token cache. */
  client(retry?: RetryOptions): OrderSyncPlatformV1<Payload>
  /** How many requests the sync endpoint has had. */
  requests(): number
  /** The sandbox's log of the sync endpoint. */
  apiLog(): RequestLogEntry[]
  start(): Promise<void>
  /** Before each test: the sandbox's state, the events and the echo cleared. */
  reset(): void
  close(): Promise<void>
}

/** The context of one run of the suite for `options`. */
export function createContractSuiteContext<Payload>(
  options: ContractSuiteOptions<Payload>,
): ContractSuiteContext<Payload> {
  let sandbox: Sandbox | undefined
  let events: unknown[] = []
  const started = (): Sandbox => {
    if (sandbox === undefined) throw new Error("the contract suite's sandbox is not started")
    return sandbox
  }
  const hooks: TransportHooks = {
    onRequest: (event) => events.push(event),
    onResponse: (event) => events.push(event),
    onRetry: (event) => events.push(event),
    onError: (event) =>
      events.push({ ...event, error: { name: event.error.name, message: event.error.message } }),
  }
  const context: ContractSuiteContext<Payload> = {
    options,
    platform: options.sandboxPlatform,
    endpoint: options.syncEndpoint,
    soakSize: Math.max(500, Number(process.env.ORDERSYNC_SOAK_ORDERS ?? 0) || 0),
    hooks,
    suiteFetch: async (input, init) => {
      if (context.echo !== undefined) {
        const answer = await context.echo(new Request(input as RequestInfo, init))
        if (answer !== undefined) return answer
      }
      return globalThis.fetch(input, init)
    },
    get sandbox() {
      return started()
    },
    get events() {
      return events
    },
    echo: undefined,
    client: (retry = contractRetry) =>
      options.createClient(started(), { retry, hooks, fetch: context.suiteFetch }),
    requests: () =>
      started().control.counters(options.sandboxPlatform).requests[options.syncEndpoint] ?? 0,
    apiLog: () =>
      started()
        .control.log(options.sandboxPlatform)
        .filter((entry) => entry.endpoint === options.syncEndpoint),
    start: async () => {
      sandbox = await options.startSandbox()
    },
    reset: () => {
      started().control.reset()
      events = []
      context.echo = undefined
    },
    close: async () => {
      await sandbox?.close()
    },
  }
  return context
}
