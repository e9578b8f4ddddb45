import type {
  OrderSyncPlatformV1,
  PlatformAnswer,
  PlatformDescriptor,
  RetryOptions,
  TransportHooks,
} from '@ordersync/core'
import type { FaultAction, RequestLogEntry } from '../sandbox-types.ts'
import type { Sandbox } from '../start-sandbox.ts'
import { type ContractSuiteOptions, contractRetry } from './contract-suite-options.ts'

/**
 * What every test of the contract suite shares: the platform's descriptor, the suite's sandbox
 * (started once), the hook events of the current test, and the client each test makes.
 */
export interface ContractSuiteContext<Payload> {
  readonly descriptor: PlatformDescriptor<Payload>
  /** The platform id: the client's and the sandbox module's. */
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
  /** The secrets of the clients against the suite's sandbox, which must never leak. */
  secrets(): readonly string[]
  /** How many requests the sync endpoint has had. */
  requests(): number
  /** The sandbox's log of the sync endpoint. */
  apiLog(): RequestLogEntry[]
  start(): Promise<void>
  /** Before each test: the sandbox's state, the events and the echo cleared. */
  reset(): void
  close(): Promise<void>
}

/** The sandbox's fault that gives `answer`: its body, with its HTTP status when it has one. */
export function faultAnswering(answer: PlatformAnswer): FaultAction {
  return answer.status === undefined
    ? { type: 'body', body: answer.body }
    : { type: 'body', body: answer.body, status: answer.status }
}

/** The hooks of a suite: each event recorded by `record`, an error by its name and message. */
function recordingHooks(record: (event: unknown) => void): TransportHooks {
  return {
    onRequest: record,
    onResponse: record,
    onRetry: record,
    onError: (event) =>
      record({ ...event, error: { name: event.error.name, message: event.error.message } }),
  }
}

/** The context of one run of the suite for `descriptor`. */
export function createContractSuiteContext<Payload>(
  descriptor: PlatformDescriptor<Payload>,
  options: ContractSuiteOptions,
): ContractSuiteContext<Payload> {
  let sandbox: Sandbox | undefined
  let events: unknown[] = []
  const started = (): Sandbox => {
    if (sandbox === undefined) throw new Error("the contract suite's sandbox is not started")
    return sandbox
  }
  const hooks = recordingHooks((event) => events.push(event))
  const { id: platform, syncEndpoint: endpoint } = descriptor
  const context: ContractSuiteContext<Payload> = {
    descriptor,
    platform,
    endpoint,
    soakSize: Math.max(500, Number(process.env.ORDERSYNC_SOAK_ORDERS ?? 0) || 0),
    hooks,
    suiteFetch: async (input, init) => {
      if (context.echo !== undefined) {
        // The echo reads a copy: a request it passes on is sent with its body unread.
        const request = new Request(input as RequestInfo, init)
        const answer = await context.echo(request.clone())
        return answer ?? globalThis.fetch(request)
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
      descriptor.createClient(started(), { retry, hooks, fetch: context.suiteFetch }),
    secrets: () => descriptor.secrets(started()),
    requests: () => started().control.counters(platform).requests[endpoint] ?? 0,
    apiLog: () =>
      started()
        .control.log(platform)
        .filter((entry) => entry.endpoint === endpoint),
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
