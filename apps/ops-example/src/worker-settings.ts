import type { ScopeMetrics } from '@opentelemetry/sdk-metrics'
import type { SyncQueueHealth, SyncQueuePlatformSettings } from '@ordersync/queue'

// What the service and its worker processes say to each other over the IPC channel of `fork`
// (with `serialization: 'advanced'`, so that metric data points cross as they are: typed arrays,
// `Infinity`). The settings travel as the first message rather than in the environment, so that
// the platform's credentials stay out of `/proc/<pid>/environ` and of the processes the workers
// might start.

/** Youshu's credentials (the sandbox's, here). */
export interface YoushuCredentials {
  readonly appId: string
  readonly appSecret: string
  readonly merchantId: string
}

/** Where Redis is: what `createSyncQueue` needs of it here. */
export interface RedisConnection {
  readonly host: string
  readonly port: number
  readonly password?: string
}

/** Everything a worker process needs; the service sends it once the process is up. */
export interface WorkerSettings {
  /** Which worker this is (1, 2, …): the `worker` label of its metrics, kept across restarts. */
  readonly slot: number
  readonly redis: RedisConnection
  /** The queue's Redis key prefix. */
  readonly prefix: string
  readonly platformSettings: SyncQueuePlatformSettings
  /** Where Youshu's API is: the sandbox's URL. */
  readonly baseURL: string
  readonly credentials: YoushuCredentials
  readonly concurrency: number
  readonly lockMs: number
  readonly stalledIntervalMs: number
  readonly lateArrivalMs: number
  /** How long the worker may go without progress, with orders to do, before it counts as stalled. */
  readonly stalledAfterMs: number
}

/** From the service to a worker process. */
export type ToWorker =
  | { readonly type: 'start'; readonly settings: WorkerSettings }
  | { readonly type: 'health' | 'metrics'; readonly id: number }
  | { readonly type: 'close' }

/** From a worker process to the service. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'health'; readonly id: number; readonly health: SyncQueueHealth }
  | { readonly type: 'metrics'; readonly id: number; readonly scopeMetrics: ScopeMetrics[] }
