import {
  createMemoryVersionStore,
  type OrderInput,
  type OrderSyncPlatformV1,
  type OrderSyncResult,
  type PreparedOrder,
  parseOrder,
  type RetryOptions,
  syncOrders,
  type VersionStore,
} from '@ordersync/core'
import { seededIntegers } from '@ordersync/core/fixtures'
import { expect, it } from 'vitest'
import type { FaultAction } from '../sandbox-types.ts'
import type { Sandbox } from '../start-sandbox.ts'

/**
 * What {@link testConvergence} needs to know about a platform: how to start its sandbox module,
 * make its client and a valid order, and how to compare what the sandbox stored with what the
 * newest version of an order should have produced.
 *
 * @example
 * ```ts
 * // type-checked only: see testConvergence for the whole call
 * import type { ConvergenceOptions } from '@ordersync/sandbox/testing'
 *
 * const compare: Pick<ConvergenceOptions<{ order: unknown }>, 'stored' | 'expected'> = {
 *   stored: (record) => record,
 *   expected: (prepared) => prepared.payload.order,
 * }
 * ```
 */
export interface ConvergenceOptions<Payload> {
  readonly name: string
  /** The sandbox module's platform name. */
  readonly sandboxPlatform: string
  /** Starts a sandbox with the platform's module and the given seed (the faults' random source). */
  readonly startSandbox: (seed: number) => Promise<Sandbox>
  /** The client against the sandbox, with the harness's retry settings. */
  readonly createClient: (
    sandbox: Sandbox,
    overrides: { readonly retry: RetryOptions },
  ) => OrderSyncPlatformV1<Payload>
  /** A valid order with a unique id derived from `index`. */
  readonly makeOrder: (index: number) => OrderInput
  /**
   * What else version `version` (from 1) of an order changes, given the order at that version's
   * `modifiedAt` (one minute later per version): a platform whose payload does not carry
   * `modifiedAt` needs a change it carries, or the versions would be indistinguishable.
   *
   * @default the order as given
   */
  readonly makeVersion?: (order: OrderInput, version: number) => OrderInput
  /** The key the sandbox module stores an order under. @default the order id */
  readonly storeKey?: (orderId: string) => string
  /** What the sandbox holds of an order, as compared (the stored record, projected). */
  readonly stored: (record: unknown) => unknown
  /** What the sandbox must hold once the newest version arrived, from its prepared payload. */
  readonly expected: (prepared: PreparedOrder<Payload>) => unknown
  /** The platform's retryable "busy" answer: a body, with a status other than 200 if it has one. */
  readonly busy: { readonly status?: number; readonly body: unknown }
  /** The endpoints faults are injected on. @default every endpoint of the platform */
  readonly faultEndpoints?: readonly string[]
}

/** The sizes of one run of the harness. */
interface ConvergenceSize {
  readonly seeds: readonly number[]
  readonly orders: number
  readonly maxVersions: number
}

// The attempt timeout, the hold of a late delivery (past the timeout: the client gives up, then
// the sandbox applies it) and the late-arrival bound syncOrders is told (past the hold).
const timeoutMs = 250
const lateDeliveryMs = 400
const lateArrivalMs = 700
const harnessRetry: RetryOptions = {
  maxAttempts: 4,
  initialDelayMs: 1,
  maxDelayMs: 10,
  timeoutMs,
}

function sizeOf(): ConvergenceSize {
  // ORDERSYNC_CONVERGENCE_LARGE=1: the larger run (10 seeds × 1,000 orders).
  if (process.env.ORDERSYNC_CONVERGENCE_LARGE === '1') {
    return { seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], orders: 1_000, maxVersions: 4 }
  }
  return { seeds: [1, 2, 3], orders: 200, maxVersions: 4 }
}

/**
 * The convergence harness: for each seed, every order gets up to 4 versions, submitted by three
 * concurrent `syncOrders` runs sharing one version store, in a shuffled order where an older
 * version sometimes comes after a newer one; meanwhile the sandbox delivers about 30% of
 * requests late (held past the client's timeout, then applied), and answers others with 503, the
 * platform's busy answer or a dropped connection. Then the faults stop, the orders with a failed
 * result are synced again as they now are (what a failed result asks of the caller), and the
 * sandbox's stored record of every order must equal, byte for byte, what the newest version
 * makes — however late the older requests landed.
 *
 * It takes the platform's client as a parameter, as `testPlatform` does: the sandbox imports no
 * client. Call it at the top of a test file or inside a `describe` block. `ORDERSYNC_CONVERGENCE_LARGE=1` runs 10 seeds of
 * 1,000 orders.
 *
 * @param options - The platform's sandbox, client, orders and the comparison of stored records.
 * @example
 * ```ts
 * // type-checked only: the harness runs inside vitest, in a file such as src/youshu.convergence.test.ts
 * import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
 * import { testConvergence } from '@ordersync/sandbox/testing'
 * import { platformDescriptor } from '@ordersync/youshu/testing'
 *
 * testConvergence({
 *   name: 'youshu',
 *   sandboxPlatform: 'youshu',
 *   startSandbox: (seed) => startSandbox({ seed, modules: [createYoushuSandboxModule()] }),
 *   createClient: (sandbox, overrides) => platformDescriptor.createClient(sandbox, overrides),
 *   makeOrder: (index) => platformDescriptor.makeOrder(index),
 *   stored: (record) => record,
 *   expected: (prepared) => prepared.payload.orders.at(-1),
 *   busy: platformDescriptor.faults.retryable,
 * })
 * ```
 */
export function testConvergence<Payload>(options: ConvergenceOptions<Payload>): void {
  const size = sizeOf()
  for (const seed of size.seeds) {
    it(`${options.name}: ${size.orders} orders × up to ${size.maxVersions} versions, late deliveries and faults, seed ${seed}: the sandbox holds every newest version`, async () => {
      const sandbox = await options.startSandbox(seed)
      try {
        await convergeOnce(options, sandbox, seed, size)
      } finally {
        await sandbox.close()
      }
    }, 120_000)
  }
}

async function convergeOnce<Payload>(
  options: ConvergenceOptions<Payload>,
  sandbox: Sandbox,
  seed: number,
  size: ConvergenceSize,
): Promise<void> {
  const client = options.createClient(sandbox, { retry: harnessRetry })
  const { newest, submissions } = planVersions(options, seed, size)
  const faults = injectFaults(options, sandbox)
  const versionStore = createMemoryVersionStore()
  const streams = [0, 1, 2].map((stream) =>
    submissions.filter((_, position) => position % 3 === stream),
  )
  const results = await Promise.all(streams.map((orders) => syncAll(client, orders, versionStore)))
  for (const fault of faults) fault.clear()
  // What a failed result asks of the caller: sync the order, as it now is, again.
  const retry = failedNewest(results.flat(), newest)
  if (retry.length > 0) await syncAll(client, retry, versionStore)
  // Every request held by the sandbox has landed (and is in the log) by now.
  await new Promise((resolve) => setTimeout(resolve, lateDeliveryMs + 100))
  const log = sandbox.control.log(options.sandboxPlatform)
  const lateDelivered = log.filter((entry) => entry.fault === 'delay').length
  expect(lateDelivered / log.length).toBeGreaterThanOrEqual(0.1)
  const stored = sandbox.control.orders(options.sandboxPlatform)
  const behind: string[] = []
  let first: { readonly holds: unknown; readonly expected: unknown } | undefined
  for (const order of newest.values()) {
    const prepared = client.prepare(parseOrder(order))
    const key = options.storeKey?.(order.id as string) ?? (order.id as string)
    const record = stored.get(key)
    const holds = record === undefined ? undefined : JSON.stringify(options.stored(record))
    const expected = JSON.stringify(options.expected(prepared))
    if (holds === expected) continue
    behind.push(order.id as string)
    first ??= { holds, expected }
  }
  expect({ seed, behind: behind.slice(0, 10), count: behind.length, first }).toEqual({
    seed,
    behind: [],
    count: 0,
    first: undefined,
  })
}

/** Every order's versions, and the order they are submitted in: shuffled, some out of order. */
function planVersions<Payload>(
  options: ConvergenceOptions<Payload>,
  seed: number,
  size: ConvergenceSize,
): { readonly newest: Map<string, OrderInput>; readonly submissions: OrderInput[] } {
  const random = seededIntegers(seed)
  const makeVersion = (order: OrderInput, version: number): OrderInput => {
    const later = laterVersion(order, version)
    return options.makeVersion?.(later, version) ?? later
  }
  const newest = new Map<string, OrderInput>()
  const submissions: OrderInput[] = []
  for (let index = 0; index < size.orders; index += 1) {
    const order = options.makeOrder(index)
    const count = random.integer(1, size.maxVersions)
    const versions = Array.from({ length: count }, (_, version) => makeVersion(order, version + 1))
    newest.set(order.id as string, versions.at(-1) as OrderInput)
    // One order in five submits its versions newest first after the first.
    if (count > 1 && random.integer(0, 4) === 0) versions.splice(1, 0, versions.pop() as OrderInput)
    submissions.push(...versions)
  }
  // A shuffle that keeps each order's submissions in their planned relative order.
  const keyed = submissions.map((order, position) => ({
    order,
    key: random.integer(0, submissions.length * 4) + position / submissions.length,
  }))
  const byOrder = new Map<string, number>()
  for (const item of keyed) {
    const id = item.order.id as string
    const floor = byOrder.get(id) ?? -1
    if (item.key <= floor) item.key = floor + 0.5
    byOrder.set(id, item.key)
  }
  return { newest, submissions: keyed.sort((a, b) => a.key - b.key).map((item) => item.order) }
}

function laterVersion(order: OrderInput, version: number): OrderInput {
  const given = order.modifiedAt
  // Epoch milliseconds stay a number; an ISO 8601 string stays a string (in UTC).
  if (typeof given === 'number') return { ...order, modifiedAt: given + version * 60_000 }
  const base = Date.parse(String(given))
  return { ...order, modifiedAt: new Date(base + version * 60_000).toISOString() }
}

function injectFaults<Payload>(options: ConvergenceOptions<Payload>, sandbox: Sandbox) {
  const actions: ReadonlyArray<{ readonly action: FaultAction; readonly probability: number }> = [
    { action: { type: 'delay', ms: lateDeliveryMs }, probability: 0.3 },
    { action: { type: 'status', status: 503 }, probability: 0.05 },
    { action: busyAction(options.busy), probability: 0.04 },
    { action: { type: 'drop' }, probability: 0.03 },
  ]
  const endpoints = options.faultEndpoints ?? [undefined]
  return endpoints.flatMap((endpoint) =>
    actions.map(({ action, probability }) =>
      sandbox.control.injectFault({
        platform: options.sandboxPlatform,
        ...(endpoint === undefined ? {} : { endpoint }),
        action,
        probability,
        times: Number.POSITIVE_INFINITY,
      }),
    ),
  )
}

function busyAction(busy: ConvergenceOptions<unknown>['busy']): FaultAction {
  return busy.status === undefined
    ? { type: 'body', body: busy.body }
    : { type: 'status', status: busy.status, body: busy.body }
}

async function syncAll<Payload>(
  platform: OrderSyncPlatformV1<Payload>,
  orders: readonly OrderInput[],
  versionStore: VersionStore,
): Promise<Array<{ readonly order: OrderInput; readonly result: OrderSyncResult }>> {
  const report = await syncOrders({
    platform,
    orders,
    versionStore,
    lateArrivalMs,
    concurrency: 8,
  })
  return report.results.map((result) => ({ order: orders[result.index] as OrderInput, result }))
}

/**
 * The newest version of every order with a failed result (any version's): what a failed result
 * asks of the caller is to sync the order, as it now is, again.
 */
function failedNewest(
  results: ReadonlyArray<{ readonly order: OrderInput; readonly result: OrderSyncResult }>,
  newest: ReadonlyMap<string, OrderInput>,
): OrderInput[] {
  const ids = new Set<string>()
  for (const { order, result } of results) {
    if (result.status === 'failed') ids.add(order.id as string)
  }
  return [...ids].map((id) => newest.get(id) as OrderInput)
}
