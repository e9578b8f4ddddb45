import { readFile } from 'node:fs/promises'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { type OrderInput, parseOrder } from '@ordersync/core'
import { createYoushuSandboxModule, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { createYoushu, youshuEndpoints } from '@ordersync/youshu'
import { Queue } from 'bullmq'
import { afterAll, describe, expect, it } from 'vitest'
import { type OpsService, startOpsService } from './ops-service.ts'
import type { ServiceHealth } from './service-health.ts'
import type { YoushuCredentials } from './worker-settings.ts'

// The service end to end, against the sandbox and the private Redis of the `test` script: orders
// posted, synced by two worker processes, counted in /metrics; a worker killed (SIGKILL), /readyz
// 503 until the service has restarted it, orders posted meanwhile synced all the same; and every
// order stored by the sandbox as Youshu's mapping of its newest version. Then bull-board under
// /queues: its page and its reads, a dead letter retried through it (by the queue's version rules),
// and every other action of the board refused.

const phone = '13812345678'
const cny = (amount: number) => ({ amount, currency: 'CNY' }) as const
const createdAt = Date.parse('2024-05-20T02:00:00Z')

/** Version `version` of Youshu order `index`: one minute later than the one before, and different. */
function youshuOrder(index: number, version: number): OrderInput {
  const total = cny(1000 * version)
  return {
    id: `order-${index}`,
    type: 'shipping',
    status: 'paid',
    createdAt,
    modifiedAt: createdAt + version * 60_000,
    buyer: { platformUserId: `openid-${index}`, phone },
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
        transactionId: `tx-${index}`,
        merchantTradeNumber: `mt-${index}`,
      },
    ],
  }
}

function testRedis(): { host: string; port: number } {
  const url = process.env.ORDERSYNC_TEST_REDIS_URL
  if (url === undefined || url === '') {
    throw new Error(
      'ORDERSYNC_TEST_REDIS_URL is not set: run `pnpm test`, which starts a redis-server',
    )
  }
  const { hostname, port } = new URL(url)
  return { host: hostname, port: Number(port) }
}

/** Reads until `done` says yes, every 50 ms; fails with the last value read after `deadlineMs`. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  deadlineMs = 30_000,
): Promise<T> {
  const deadline = performance.now() + deadlineMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (performance.now() > deadline) {
      throw new Error(`gave up waiting for ${what}: last read ${JSON.stringify(value)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

interface Probe {
  readonly status: number
  readonly text: string
  readonly health: ServiceHealth
}

async function probe(service: OpsService, path: '/readyz' | '/healthz'): Promise<Probe> {
  const response = await fetch(`${service.url}${path}`)
  const text = await response.text()
  return { status: response.status, text, health: JSON.parse(text) as ServiceHealth }
}

async function scrape(service: OpsService): Promise<string> {
  const response = await fetch(`${service.url}/metrics`)
  expect(response.status).toBe(200)
  return response.text()
}

async function postOrders(service: OpsService, orders: readonly OrderInput[]) {
  const response = await fetch(`${service.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(orders),
  })
  const text = await response.text()
  return { status: response.status, text, body: JSON.parse(text) as { results: unknown[] } }
}

/** One sample of Prometheus text: its name, labels and value. */
interface Sample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
}

function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line)
      if (match === null) throw new Error(`not a sample line: ${line}`)
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((label) => [
          label[1],
          label[2],
        ]),
      )
      return { name: match[1] as string, labels, value: Number(match[3]) }
    })
}

/** The sum of the samples named `name` whose labels include `labels`. */
function total(samples: readonly Sample[], name: string, labels: Record<string, string> = {}) {
  return samples
    .filter((sample) => sample.name === name)
    .filter((sample) =>
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0)
}

/** One request to bull-board, under /queues. */
async function board(service: OpsService, path: string, method = 'GET', body?: unknown) {
  const response = await fetch(`${service.url}/queues${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  }
}

/** What bull-board's GET /api/queues says of a queue (the fields this test reads). */
interface BoardQueue {
  readonly name: string
  readonly counts: Readonly<Record<string, number>>
  readonly readOnlyMode: boolean
  readonly allowRetries: boolean
  readonly isPaused: boolean
  readonly jobs: readonly {
    readonly id: string
    readonly data: unknown
    readonly attempts: number
    readonly failedReason: string
  }[]
}

/** The Youshu queue as bull-board lists it, with its jobs in `status`; the answer's text too. */
async function boardQueue(service: OpsService, status = 'latest') {
  const read = await board(service, `/api/queues?activeQueue=sync-youshu&status=${status}`)
  expect(read.status).toBe(200)
  const { queues } = JSON.parse(read.text) as { queues: BoardQueue[] }
  expect(queues.map((queue) => queue.name)).toEqual(['sync-youshu'])
  return { ...(queues[0] as BoardQueue), text: read.text }
}

async function drained(service: OpsService): Promise<boolean> {
  const counts = (await service.readHealth()).counts?.youshu
  return counts !== undefined && counts.waiting + counts.active + counts.delayed === 0
}

let sandbox: Sandbox<{ readonly youshu: YoushuCredentials }> | undefined
let service: OpsService | undefined
afterAll(async () => {
  await service?.close()
  await sandbox?.close()
}, 60_000)

describe('the ops example service', () => {
  it('syncs posted orders through worker processes, counts them in /metrics, and restarts a killed worker while /readyz says 503', async () => {
    const started = await startSandbox({ modules: [createYoushuSandboxModule()] })
    sandbox = started
    const credentials = started.credentials.youshu
    const log: string[] = []
    const ops = await startOpsService({
      redis: testRedis(),
      baseURL: started.url,
      credentials,
      workers: 2,
      prefix: `ops-test-${process.pid}`,
      // The tests' Redis runs without persistence on purpose.
      persistence: 'ignore',
      lockMs: 5_000,
      stalledIntervalMs: 1_000,
      lateArrivalMs: 1_000,
      restartDelayMs: 1_000,
      log: (line) => log.push(line),
    })
    service = ops
    expect((await probe(ops, '/readyz')).status).toBe(200)

    // Five orders, synced by the two workers.
    const first = [1, 2, 3, 4, 5].map((index) => youshuOrder(index, 1))
    const posted = await postOrders(ops, first)
    expect(posted.status).toBe(202)
    expect(posted.body.results).toEqual(
      first.map((order) => ({
        status: 'queued',
        orderId: order.id,
        modifiedAt: createdAt + 60_000,
      })),
    )
    await waitFor('five orders synced', () => drained(ops), Boolean)
    expect(started.control.orders('youshu').size).toBe(5)

    const text = await scrape(ops)
    const samples = parseSamples(text)
    const queueLine = (name: string) =>
      `ordersync_queue_${name}{ordersync_platform="youshu",otel_scope_name="@ordersync/queue"} 0`
    for (const name of ['waiting', 'active', 'delayed', 'dead_lettered', 'oldest_waiting_age']) {
      expect(text.split('\n')).toContain(queueLine(name))
    }
    // Core's counters, from the worker processes, one series per worker.
    const orderSamples = samples.filter((sample) => sample.name === 'ordersync_orders_total')
    expect(orderSamples.map((sample) => sample.labels.ordersync_outcome)).toEqual(
      orderSamples.map(() => 'succeeded'),
    )
    expect(total(samples, 'ordersync_orders_total', { ordersync_platform: 'youshu' })).toBe(5)
    // Each endpoint's requests and calls, as the sandbox counted them (no retry: one attempt each).
    const sandboxRequests = started.control.counters('youshu').requests
    const endpoints = Object.keys(sandboxRequests).sort()
    expect(endpoints).toContain(youshuEndpoints.addOrder)
    const countedEndpoints = samples
      .filter((sample) => sample.name === 'ordersync_requests_total')
      .map((sample) => sample.labels.ordersync_endpoint as string)
    expect([...new Set(countedEndpoints)].sort()).toEqual(endpoints)
    for (const endpoint of endpoints) {
      const counted = total(samples, 'ordersync_requests_total', { ordersync_endpoint: endpoint })
      const calls = total(samples, 'ordersync_call_duration_count', {
        ordersync_endpoint: endpoint,
      })
      const expected = sandboxRequests[endpoint]
      expect({ endpoint, counted, calls }).toEqual({ endpoint, counted: expected, calls: expected })
    }
    expect(samples.filter((sample) => sample.name === 'ordersync_retries_total')).toEqual([])
    const coreWorkers = samples
      .filter((sample) => sample.labels.otel_scope_name === '@ordersync/core')
      .map((sample) => sample.labels.worker)
    expect(coreWorkers.filter((worker) => worker !== '1' && worker !== '2')).toEqual([])

    // Worker 1 killed: /readyz says 503 until the service has started it again; /healthz stays
    // 200 (a worker that ended is restarted here, not a reason to restart the service).
    const killedPid = ops.pool.slots()[0]?.pid as number
    process.kill(killedPid, 'SIGKILL')
    // Between its death and its successor's `ready`, the slot is restarting (the service waits
    // restartDelayMs), then starting; a slow test process may first see either.
    const down = await waitFor(
      'worker 1 not running',
      () => probe(ops, '/readyz'),
      (read) => read.health.workers[0]?.state !== 'running',
    )
    const state = down.health.workers[0]?.state as 'restarting' | 'starting'
    expect(['restarting', 'starting']).toContain(state)
    expect(down.status).toBe(503)
    expect(down.health.ready).toBe(false)
    expect(down.health.live).toBe(true)
    expect(down.health.checks.workers).toEqual({
      ok: false,
      detail: `worker 1: ${state} (its last process ended: SIGKILL)`,
    })
    expect(down.health.workers[0]).toMatchObject({
      slot: 1,
      restarts: state === 'restarting' ? 0 : 1,
      lastExit: 'SIGKILL',
      check: { ok: false, detail: `${state} (its last process ended: SIGKILL)` },
    })
    expect((await probe(ops, '/healthz')).status).toBe(200)
    // HEAD answers as GET does, without the body.
    const head = await fetch(`${ops.url}/healthz`, { method: 'HEAD' })
    expect([head.status, await head.text()]).toEqual([200, ''])

    // Orders posted meanwhile: five new ones, and a second version of two synced ones.
    const second = [
      ...[6, 7, 8, 9, 10].map((index) => youshuOrder(index, 1)),
      youshuOrder(1, 2),
      youshuOrder(2, 2),
    ]
    const postedAgain = await postOrders(ops, second)
    expect(postedAgain.status).toBe(202)
    expect(postedAgain.body.results.map((result) => (result as { status: string }).status)).toEqual(
      second.map(() => 'queued'),
    )

    const up = await waitFor(
      'worker 1 restarted',
      () => probe(ops, '/readyz'),
      (read) => read.status === 200,
    )
    expect(up.health.workers[0]).toMatchObject({
      slot: 1,
      state: 'running',
      restarts: 1,
      lastExit: 'SIGKILL',
      check: { ok: true },
    })
    expect(up.health.workers[0]?.pid).not.toBe(killedPid)
    expect(log).toContain('[ops] worker 1 ended (SIGKILL): restarting it in 1000 ms')

    // Every order stored as Youshu's mapping of its newest version, and nothing else.
    await waitFor('every order synced', () => drained(ops), Boolean)
    const youshu = createYoushu({ ...credentials, environment: 'test', baseURL: started.url })
    const newest = [...first, ...second].reduce(
      (byId, order) => byId.set(order.id, order),
      new Map<string, OrderInput>(),
    )
    const stored = started.control.orders('youshu')
    expect([...stored.keys()].sort()).toEqual([...newest.keys()].sort())
    for (const [id, order] of newest) {
      const expected = youshu.prepare(parseOrder(order)).payload.orders[0]
      expect({ id, stored: stored.get(id) }).toEqual({ id, stored: expected })
    }
    const finalHealth = await probe(ops, '/readyz')
    expect(finalHealth.health.counts?.youshu).toEqual({
      waiting: 0,
      oldestWaitingAgeMs: 0,
      active: 0,
      delayed: 0,
      dead: 0,
    })

    // No secret and no phone number in what the service answers.
    const answers = [text, await scrape(ops), finalHealth.text, down.text, posted.text]
    for (const answer of answers) {
      expect(answer).not.toContain(credentials.appSecret)
      expect(answer).not.toContain(phone)
    }
  }, 120_000)

  it('serves bull-board under /queues: reads, Retry of a dead letter by the version rules, and no other action', async () => {
    if (service === undefined || sandbox === undefined) throw new Error('the service did not start')
    const ops = service
    const started = sandbox
    const credentials = started.credentials.youshu
    const youshu = createYoushu({ ...credentials, environment: 'test', baseURL: started.url })
    const mapped = (order: OrderInput) => youshu.prepare(parseOrder(order)).payload.orders[0]
    const rejectNextAdd = () =>
      started.control.injectFault({
        platform: 'youshu',
        endpoint: youshuEndpoints.addOrder,
        action: { type: 'body', body: { retcode: 1004, errmsg: 'sandbox: invalid request' } },
      })
    const settled = () =>
      waitFor(
        'the queue drained, no dead letter',
        () => ops.readHealth(),
        (health) => {
          const counts = health.counts?.youshu
          return (
            counts !== undefined &&
            counts.waiting + counts.active + counts.delayed + counts.dead === 0
          )
        },
      )

    const page = await board(ops, '')
    expect(page.status).toBe(200)
    expect(page.contentType).toMatch(/^text\/html/)
    expect(page.text).toContain('<base href="/queues/" />')
    const idle = await boardQueue(ops)
    expect(idle).toMatchObject({
      readOnlyMode: false,
      allowRetries: true,
      isPaused: false,
      jobs: [],
    })
    const none = { active: 0, completed: 0, delayed: 0, failed: 0, prioritized: 0, waiting: 0 }
    const empty = { ...none, 'waiting-children': 0 }
    expect(idle.counts).toEqual(empty)

    // Order 11, rejected for good by the platform: a dead letter, in BullMQ's failed set.
    const rejected = rejectNextAdd()
    expect((await postOrders(ops, [youshuOrder(11, 1)])).status).toBe(202)
    const dead = await waitFor(
      'order 11 dead-lettered',
      () => boardQueue(ops, 'failed'),
      (queue) => queue.counts.failed === 1,
    )
    expect(rejected.applied).toBe(1)
    const [letter] = dead.jobs
    if (letter === undefined) throw new Error('no job in the failed set')
    // The job's data as the board shows it: the failed version's JSON (the buyer's data) left out.
    expect(letter).toMatchObject({
      data: {
        orderId: 'order-11',
        modifiedAt: youshuOrder(11, 1).modifiedAt,
        order: '(not shown: read it with deadLetters)',
      },
      attempts: 1,
    })
    expect(letter.failedReason).toMatch(
      /^\[ordersync\] \[youshu\] \/data-api\/v1\/order\/add_order: sandbox: invalid request .*\(1004\)$/,
    )

    // Every action but Retry of a dead letter: refused as bull-board refuses a read-only queue's.
    const actions: [method: string, path: string, body?: unknown][] = [
      ['PUT', `/api/queues/sync-youshu/${letter.id}/clean`], // Remove
      ['PUT', '/api/queues/sync-youshu/clean/failed'], // Clean
      ['PUT', '/api/queues/sync-youshu/empty'],
      ['PUT', '/api/queues/sync-youshu/obliterate', { force: true }],
      ['PUT', `/api/queues/sync-youshu/${letter.id}/promote`],
      ['PUT', '/api/queues/sync-youshu/promote'],
      ['POST', '/api/queues/sync-youshu/add', { name: 'sync', data: { orderId: 'order-11' } }], // Add, Duplicate
      ['PATCH', `/api/queues/sync-youshu/${letter.id}/update-data`, { data: {} }],
      ['PUT', '/api/queues/sync-youshu/retry/completed'],
      ['PUT', '/api/queues/sync-youshu/pause'],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/sync-youshu/concurrency', { concurrency: 1 }],
    ]
    for (const [method, path, body] of actions) {
      const answer = await board(ops, path, method, body)
      const answered = answer.text === '' ? '' : JSON.parse(answer.text)
      expect({ method, path, status: answer.status, body: answered }).toEqual({
        method,
        path,
        status: 405,
        body: {
          error: { key: 'ERRORS.QUEUE_READ_ONLY' },
          message:
            'read-only but for Retry of a dead letter: a retry goes through ordersync’s version rules, the other actions would bypass them',
        },
      })
    }
    const untouched = await boardQueue(ops, 'failed')
    expect(untouched.jobs.map((job) => job.id)).toEqual([letter.id])
    expect(untouched.isPaused).toBe(false)

    // Retry: the letter's job enqueues order 11 again by the version rules and sends it.
    const retried = await board(ops, `/api/queues/sync-youshu/${letter.id}/retry`, 'PUT')
    expect(retried.status).toBe(204)
    await settled()
    expect(started.control.orders('youshu').get('order-11')).toEqual(mapped(youshuOrder(11, 1)))

    // Order 12's letter, retried (Retry all) after a newer version was synced: nothing is sent.
    rejectNextAdd()
    expect((await postOrders(ops, [youshuOrder(12, 1)])).status).toBe(202)
    await waitFor(
      'order 12 dead-lettered',
      () => boardQueue(ops, 'failed'),
      (queue) => queue.counts.failed === 1,
    )
    expect((await postOrders(ops, [youshuOrder(12, 2)])).body.results).toEqual([
      { status: 'queued', orderId: 'order-12', modifiedAt: youshuOrder(12, 2).modifiedAt },
    ])
    await waitFor(
      'order 12 v2 synced',
      () => boardQueue(ops),
      (queue) => ['waiting', 'active', 'delayed'].every((state) => queue.counts[state] === 0),
    )
    const adds = () => started.control.counters('youshu').requests[youshuEndpoints.addOrder]
    const addsBefore = adds()
    const all = await board(ops, '/api/queues/sync-youshu/retry/failed', 'PUT')
    expect({ status: all.status, body: JSON.parse(all.text) }).toEqual({
      status: 200,
      body: { retried: 1, skipped: 0 },
    })
    await settled()
    expect(adds()).toBe(addsBefore)
    expect(started.control.orders('youshu').get('order-12')).toEqual(mapped(youshuOrder(12, 2)))
    const after = await boardQueue(ops)
    expect(after.counts).toEqual(empty)

    // No secret and no phone number in what the board answers.
    for (const answer of [page.text, dead.text, untouched.text, after.text]) {
      expect(answer).not.toContain(credentials.appSecret)
      expect(answer).not.toContain(phone)
    }
  }, 60_000)

  it("would lose Retry with bull-board's readOnlyMode: hence the board's hook", async () => {
    const queue = new Queue('sync-youshu', {
      connection: testRedis(),
      prefix: `ops-board-${process.pid}`,
    })
    try {
      const adapter = new BullMQAdapter(queue, { readOnlyMode: true, allowRetries: true })
      expect({ readOnlyMode: adapter.readOnlyMode, allowRetries: adapter.allowRetries }).toEqual({
        readOnlyMode: true,
        allowRetries: false,
      })
    } finally {
      await queue.close()
    }
  })
})

describe('the sample orders of the README', () => {
  it('are orders Youshu takes', async () => {
    const text = await readFile(new URL('../sample-orders.json', import.meta.url), 'utf8')
    const youshu = createYoushu({
      appId: 'sample-app',
      appSecret: 'sample-secret',
      merchantId: 'sample-merchant',
      environment: 'test',
    })
    const prepared = (JSON.parse(text) as OrderInput[]).map(
      (order) => youshu.prepare(parseOrder(order)).orderId,
    )
    expect(prepared).toEqual(['order-1', 'order-2', 'order-3'])
  })
})
