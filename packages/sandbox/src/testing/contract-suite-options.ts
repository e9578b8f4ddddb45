import type { RetryOptions, TransportHooks } from '@ordersync/core'
import type { Sandbox } from '../start-sandbox.ts'

/**
 * What the contract suite needs beside the platform's descriptor: how to start a sandbox that
 * serves the platform's module (the descriptor's package cannot import the Node-only sandbox).
 *
 * @example
 * ```ts
 * // type-checked only: the options of a suite that runs inside vitest
 * const options: ContractSuiteOptions = {
 *   startSandbox: () => startSandbox({ modules: [createYoushuSandboxModule()] }),
 * }
 * ```
 */
export interface ContractSuiteOptions {
  /** Starts a sandbox that serves the platform's module; the suite closes it. */
  readonly startSandbox: () => Promise<Sandbox>
}

/**
 * What the suite hands a descriptor's `createClient`: its retries, its hooks (which record every
 * event) and its `fetch` (which some tests use to echo requests back). A descriptor passes all of
 * it on to the client's settings.
 *
 * @example
 * ```ts
 * import { createYoushu } from '@ordersync/youshu'
 *
 * const createClient = (sandbox: Sandbox, { retry, hooks, fetch }: ContractOverrides) =>
 *   createYoushu({ ...settings, baseURL: sandbox.url, retry, hooks, fetch })
 * ```
 */
export interface ContractOverrides {
  readonly retry: RetryOptions
  readonly hooks: TransportHooks
  readonly fetch: typeof globalThis.fetch
}

/**
 * The retry settings the suite gives clients: fast, and a cap of three attempts. The attempt
 * timeout leaves room for a loaded machine (every suite at once on two cores); the timeout test's
 * delay (3 s) is well beyond it.
 *
 * @example
 * ```ts
 * contractRetry.maxAttempts // 3
 * // the suite passes it to the descriptor's createClient: (sandbox, { retry, hooks }) => createX({ …, retry, hooks })
 * ```
 */
export const contractRetry: RetryOptions = {
  maxAttempts: 3,
  initialDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 2000,
}

// The soak's retries: enough attempts to get through most faults, a short attempt timeout so that
// its delay faults cost little (a loaded machine may time out more; the soak only asks for truth).
export const soakRetry = {
  maxAttempts: 4,
  initialDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 400,
} as const
