import type { ChildProcess } from 'node:child_process'
import { type OrderInput, parseOrder } from '@ordersync/core'
import {
  createSeededRandom,
  createYoushuSandboxModule,
  type FaultAction,
  type FaultHandle,
  type Sandbox,
  startSandbox,
} from '@ordersync/sandbox'
import { createYoushu, youshuEndpoints } from '@ordersync/youshu'
import { QueueEvents } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { createSyncQueue, type EnqueueResult, type SyncQueue } from './sync-queue.ts'
import { youshuBusyRetcode } from './sync-worker-process.ts'
import { testConnection } from './test-support.ts'
import { startWorkerProcesses, stopWorkerProcesses } from './worker-processes.ts'

// Convergence: whatever the faults, every order ends up on the platform in its newest version.
// Worker processes sync Youshu orders to the sandbox while racing enqueuers send up to four
// versions of each order out of order, the sandbox delivers some requests late (it holds them
// past the client's timeout, then stores them anyway), answers 5xx and busy, and drops
// connections; one worker is killed (SIGKILL) and one paused past its lock (SIGSTOP, SIGCONT).
// Then the faults stop, the queue drains, and the sandbox's record of every order must be, byte
// for byte, what Youshu's `prepare` makes of the order's newest version.
//
// ORDERSYNC_CONVERGENCE_TRIAL=1 runs the larger trial instead: 4 workers, 10,000 orders, 20%
// faults, a kill and a pause, and prints the figures.

const trial = process.env.ORDERSYNC_CONVERGENCE_TRIAL === '1'
const seed = Number(process.env.ORDERSYNC_CONVERGENCE_SEED ?? 20_250_601)

/** The shape of one run. */
interface Scenario {
  readonly orders: number
  readonly workers: number
  readonly enqueuers: number
  /** Enqueues are spread over this window; versions of one order within `versionSpreadMs`. */
  readonly enqueueWindowMs: number
  readonly versionSpreadMs: number
  /** The share of add_order requests delivered late, and the share failing in other ways. */
  readonly lateShare: number
  readonly failureShare: number
  readonly concurrency: number
  readonly pauseMs: number
}

const scenario: Scenario = trial
  ? {
      orders: 10_000,
      workers: 4,
      enqueuers: 4,
      enqueueWindowMs: 20_000,
      versionSpreadMs: 600,
      lateShare: 0.12,
      failureShare: 0.1,
      concurrency: 50,
      pauseMs: 4_000,
    }
  : {
      orders: 200,
      workers: 2,
      enqueuers: 3,
      enqueueWindowMs: 5_000,
      versionSpreadMs: 600,
      lateShare: 0.18,
      failureShare: 0.1,
      concurrency: 16,
      pauseMs: 3_000,
    }

// The client gives up on an attempt after `timeoutMs`; a late delivery lands `lateMs` after it
// was sent, so up to `lateMs - timeoutMs` (700 ms) after the client gave up: the workers'
// lateArrivalMs covers that, with room for a busy machine's late timers.
const timeoutMs = 200
const lateMs = [350, 600, 900] as const
const lateArrivalMs = 1_500
const lockMs = 1_500
const stalledIntervalMs = 500
const prefix = `test-${process.pid}-convergence`
const endpoint = youshuEndpoints.addOrder

const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const createdAt = Date.parse('2024-05-20T02:00:00Z')
const orderId = (index: number) => `order-${index}`

/** Version `version` of a Youshu order: one minute later than the one before, and different. */
function youshuOrderVersion(id: string, version: number): OrderInput {
  const total = cny(1000 * version)
  return {
    id,
    type: 'shipping',
    status: version >= 3 ? 'completed' : 'paid',
    createdAt,
    modifiedAt: createdAt + version * 60_000,
    buyer: { platformUserId: `openid-${id}` },
    lines: [
      {
        id: 'line-1',
        skuId: 'sku-1',
        name: `商品 v${version}`,
        quantity: version,
        unitPrice: cny(1000),
      },
    ],
    charges: { goodsSubtotal: total },
    payableAmount: total,
    paidAmount: total,
    payments: [
      {
        method: 'wechat_pay',
        amount: total,
        transactionId: `tx-${id}`,
        merchantTradeNumber: `mt-${id}`,
      },
    ],
  }
}

/** One enqueue of the plan: which version of which order, when, by which enqueuer. */
interface PlannedEnqueue {
  readonly index: number
  readonly version: number
  readonly at: number
  readonly enqueuer: number
}

/**
 * Up to four versions of each order, each enqueued at its own moment within `versionSpreadMs` of
 * the order's base moment, by a random enqueuer: versions arrive out of order, from racing
 * processes, while earlier ones are in flight.
 */
function planEnqueues(random: () => number): {
  readonly plan: PlannedEnqueue[]
  readonly newest: number[]
} {
  const plan: PlannedEnqueue[] = []
  const newest: number[] = []
  for (let index = 0; index < scenario.orders; index += 1) {
    const versions = 1 + Math.floor(random() * 4)
    newest.push(versions)
    const base = random() * (scenario.enqueueWindowMs - scenario.versionSpreadMs)
    for (let version = 1; version <= versions; version += 1) {
      plan.push({
        index,
        version,
        at: base + random() * scenario.versionSpreadMs,
        enqueuer: Math.floor(random() * scenario.enqueuers),
      })
    }
  }
  return { plan: plan.sort((a, b) => a.at - b.at), newest }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Runs one enqueuer's part of the plan on its own queue (its own Redis connections). */
async function runEnqueuer(
  queue: SyncQueue,
  items: readonly PlannedEnqueue[],
  startedAt: number,
): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = []
  let next = 0
  while (next < items.length) {
    const now = performance.now() - startedAt
    const due: PlannedEnqueue[] = []
    while (next < items.length && (items[next] as PlannedEnqueue).at <= now) {
      due.push(items[next] as PlannedEnqueue)
      next += 1
    }
    if (due.length > 0) {
      results.push(
        ...(await queue.enqueueMany(
          'youshu',
          due.map((item) => youshuOrderVersion(orderId(item.index), item.version)),
        )),
      )
    }
    await sleep(5)
  }
  return results
}

/**
 * The faults on add_order: late deliveries, 5xx, busy answers and dropped connections, each an
 * equal part of its share of the requests. The sandbox tries the faults in turn, so each one's
 * probability is its share of the requests that the faults before it left alone.
 */
function injectFaults(sandbox: Sandbox): FaultHandle[] {
  const actions: [FaultAction, number][] = [
    ...lateMs.map((ms): [FaultAction, number] => [
      { type: 'delay', ms },
      scenario.lateShare / lateMs.length,
    ]),
    ...(
      [
        { type: 'status', status: 503 },
        { type: 'body', body: { retcode: youshuBusyRetcode, errmsg: 'busy' } },
        { type: 'drop' },
      ] as const
    ).map((action): [FaultAction, number] => [action, scenario.failureShare / 3]),
  ]
  let left = 1
  const handles = actions.map(([action, share]) => {
    const handle = sandbox.control.injectFault({
      platform: 'youshu',
      endpoint,
      action,
      times: Number.POSITIVE_INFINITY,
      probability: share / left,
    })
    left -= share
    return handle
  })
  // Every other request takes a little time, as a real platform's does: the workers hold orders
  // in flight when one is killed and one paused.
  sandbox.control.injectFault({
    platform: 'youshu',
    endpoint,
    action: { type: 'delay', ms: 50 },
    times: Number.POSITIVE_INFINITY,
  })
  return handles
}

async function drained(queue: SyncQueue): Promise<boolean> {
  const counts = await queue.counts('youshu')
  return counts.waiting + counts.active + counts.delayed === 0
}

let sandbox: Sandbox | undefined
let workers: ChildProcess[] = []
const queues: SyncQueue[] = []
let events: QueueEvents | undefined

afterAll(async () => {
  await stopWorkerProcesses(workers)
  await events?.close()
  await Promise.all(queues.map((queue) => queue.close()))
  await sandbox?.close()
}, 60_000)

describe('sync queue convergence', () => {
  it(`${scenario.orders} orders in up to 4 versions from racing enqueuers, late deliveries and failures, a worker killed and one paused past its lock: each order ends up stored in its newest version`, async () => {
    const startedAt = performance.now()
    const random = createSeededRandom(seed)
    const { plan, newest } = planEnqueues(random)
    const started = await startSandbox({
      modules: [createYoushuSandboxModule()],
      seed,
      maxLogEntries: 1,
    })
    sandbox = started
    const credentials = started.credentials.youshu
    for (let enqueuer = 0; enqueuer < scenario.enqueuers; enqueuer += 1) {
      queues.push(
        createSyncQueue({
          connection: testConnection(),
          // The tests' Redis runs without persistence on purpose.
          persistence: 'ignore',
          prefix,
          platforms: { youshu: { backoffMs: 50, attempts: 20 } },
        }),
      )
    }
    const queue = queues[0] as SyncQueue
    const takenOver = new Set<string>()
    events = new QueueEvents('sync-youshu', { connection: testConnection(), prefix })
    events.on('stalled', ({ jobId }) => takenOver.add(jobId))
    await events.waitUntilReady()
    const workerEnv = {
      PLATFORM: 'youshu',
      SANDBOX_URL: sandbox.url,
      YOUSHU_CREDENTIALS: JSON.stringify(credentials),
      QUEUE_PREFIX: prefix,
      CONCURRENCY: String(scenario.concurrency),
      TIMEOUT_MS: String(timeoutMs),
      LOCK_MS: String(lockMs),
      STALLED_INTERVAL_MS: String(stalledIntervalMs),
      LATE_ARRIVAL_MS: String(lateArrivalMs),
      ATTEMPTS: '20',
      BACKOFF_MS: '50',
      QUIET: '1',
    }
    workers = await startWorkerProcesses(scenario.workers, workerEnv)
    const faults = injectFaults(sandbox)

    // The enqueuers race through the plan while one worker is killed (and replaced, as a
    // supervisor would) and another is paused past its lock.
    const runStartedAt = performance.now()
    const enqueued = Promise.all(
      Array.from({ length: scenario.enqueuers }, (_, enqueuer) =>
        runEnqueuer(
          queues[enqueuer] as SyncQueue,
          plan.filter((item) => item.enqueuer === enqueuer),
          runStartedAt,
        ),
      ),
    )
    await sleep(scenario.enqueueWindowMs * 0.3)
    const killed = workers[0] as ChildProcess
    killed.kill('SIGKILL')
    workers.push(...(await startWorkerProcesses(1, workerEnv)))
    await sleep(scenario.enqueueWindowMs * 0.2)
    const paused = workers[1] as ChildProcess
    paused.kill('SIGSTOP')
    await sleep(scenario.pauseMs)
    paused.kill('SIGCONT')
    const results = (await enqueued).flat()

    // Faults off; then the queue drains, and stays drained past every late delivery.
    const faultsApplied = faults.map((fault) => fault.applied)
    const requestsWithFaults = sandbox.control.counters('youshu').requests[endpoint] ?? 0
    for (const fault of faults) fault.clear()
    // Drained twice in a row, or given up after 3 minutes: the counts below then say what is left.
    const drainDeadline = performance.now() + 180_000
    for (let quiet = 0; quiet < 2 && performance.now() < drainDeadline; ) {
      await sleep(Math.max(...lateMs) + lateArrivalMs)
      quiet = (await drained(queue)) ? quiet + 1 : 0
    }
    const counts = await queue.counts('youshu')
    const elapsedSeconds = (performance.now() - startedAt) / 1000

    const youshu = createYoushu({
      ...credentials,
      environment: 'test',
      baseURL: sandbox.url,
    })
    const stored = sandbox.control.orders('youshu')
    const lost: string[] = []
    const stale: string[] = []
    newest.forEach((version, index) => {
      const id = orderId(index)
      const record = stored.get(id)
      if (record === undefined) {
        lost.push(id)
        return
      }
      const expected = youshu.prepare(parseOrder(youshuOrderVersion(id, version))).payload.orders[0]
      if (JSON.stringify(record) !== JSON.stringify(expected)) stale.push(id)
    })
    const outcomes: Record<string, number> = {}
    for (const result of results) outcomes[result.status] = (outcomes[result.status] ?? 0) + 1
    const multiVersion = newest.filter((version) => version > 1).length
    const [late, failed] = [
      faultsApplied.slice(0, lateMs.length).reduce((total, count) => total + count, 0),
      faultsApplied.slice(lateMs.length).reduce((total, count) => total + count, 0),
    ]
    const requests = sandbox.control.counters('youshu').requests[endpoint] ?? 0
    console.log(
      `[convergence${trial ? ' trial' : ''}] seed ${seed}: ${scenario.orders} orders (${multiVersion} in several versions, ${plan.length} versions enqueued by ${scenario.enqueuers} racing enqueuers: ${JSON.stringify(outcomes)}), ` +
        `${scenario.workers} workers, one killed and one paused ${scenario.pauseMs} ms (${takenOver.size} jobs taken over); ` +
        `${requestsWithFaults} add_order requests while faults were on, ${late} delivered late, ${failed} failed (5xx, busy, dropped), ${requests - requestsWithFaults} more to drain; ` +
        `${lost.length} lost, ${stale.length} stale${stale.length > 0 ? ` (${stale.slice(0, 10).join(', ')})` : ''}, ${counts.dead} dead; ${elapsedSeconds.toFixed(1)} s`,
    )
    expect(late / requestsWithFaults).toBeGreaterThanOrEqual(0.1)
    expect(takenOver.size).toBeGreaterThan(0)
    expect(counts).toEqual({ waiting: 0, oldestWaitingAgeMs: 0, active: 0, delayed: 0, dead: 0 })
    expect(lost).toEqual([])
    expect(stale).toEqual([])
  }, 600_000)
})
