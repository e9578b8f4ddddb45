import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runOrdersync, startOrdersync, workDirectory } from '../test-support/run-ordersync.ts'
import {
  jsonLines,
  sendsPerOrder,
  sentOrderIds,
  youshuAddOrder,
  youshuOrder,
} from '../test-support/sandbox-orders.ts'

let sandbox: Sandbox<object>
const work = workDirectory()
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  await sandbox.close()
  work.remove()
})

const orders = 2_000
const batch = 50 // Youshu's batch size
const concurrency = 4
const deliveredBeforeKill = 10 // requests answered before the requests that hang
const hangMs = 1_500

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

describe('a backfill killed with SIGKILL halfway', () => {
  it('resumes: sends every remaining order, and only the orders in flight at the kill twice', async () => {
    const cwd = work.path
    writeFileSync(
      join(cwd, 'backfill.jsonl'),
      jsonLines(Array.from({ length: orders }, (_, index) => youshuOrder(index + 1))),
    )
    const args = [
      'sync',
      'backfill.jsonl',
      '--platform',
      'youshu',
      '--sandbox-url',
      sandbox.url,
      '--ledger',
      'ledger.sqlite',
      '--concurrency',
      String(concurrency),
      '--late-arrival-ms',
      '200',
      '--progress-interval',
      '60',
    ]
    // The first 10 requests are answered; the next ones are held 1.5 s and then stored — after the
    // kill, as a request the client gave up on may still land.
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'delay', ms: 0 },
      times: deliveredBeforeKill,
    })
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'delay', ms: hangMs },
      times: Number.POSITIVE_INFINITY,
    })
    const requests = () => sandbox.control.counters('youshu').requests[youshuAddOrder] ?? 0

    const killed = startOrdersync(args, { cwd })
    await until(() => requests() === deliveredBeforeKill + concurrency, 'the requests in flight')
    await sleep(100) // nothing more is sent while every slot hangs
    expect(requests()).toBe(deliveredBeforeKill + concurrency)
    killed.child.kill('SIGKILL')
    expect((await killed.exited).signal).toBe('SIGKILL')
    // The held requests land after the kill; then their doubt (200 ms after the run was last
    // alive, plus its heartbeat) is over.
    await until(
      () => sentOrderIds(sandbox).length === deliveredBeforeKill + concurrency,
      'the late requests',
    )
    await sleep(300)
    sandbox.control.clearFaults()

    const before = await runOrdersync(['status', '--ledger', 'ledger.sqlite', '--json'], { cwd })
    expect(JSON.parse(before.stdout).counts).toEqual([
      { platform: 'youshu', outcome: 'in_flight', orders: concurrency * batch, delivered: 0 },
      {
        platform: 'youshu',
        outcome: 'succeeded',
        orders: deliveredBeforeKill * batch,
        delivered: deliveredBeforeKill * batch,
      },
    ])

    // The ledger's in-flight orders are the four batches the sandbox held: the requests after the
    // first ten it answered. Which batches those are depends on the order the requests arrived in
    // (batches are prepared ahead and may overtake one another), so read them from the log.
    const exported = await runOrdersync(['ledger', 'export', '--ledger', 'ledger.sqlite'], { cwd })
    const inFlight = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; outcome: string })
      .filter((entry) => entry.outcome === 'in_flight')
      .map((entry) => entry.id)
      .sort()
    const held = sentOrderIds(sandbox).slice(deliveredBeforeKill).flat().sort()
    expect(held).toHaveLength(concurrency * batch)
    expect(inFlight).toEqual(held)

    const resumed = await runOrdersync([...args, '--json'], { cwd })
    expect(resumed.stderr).toMatch(
      /^ordersync: a run that stopped without finishing \(pid \d+\) had 200 orders in flight; they may have reached the platform and are sent again\n/,
    )
    expect(resumed.code).toBe(0)
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      read: orders,
      succeeded: orders - deliveredBeforeKill * batch,
      skipped: deliveredBeforeKill * batch,
      skippedBy: { unchanged: deliveredBeforeKill * batch },
      failed: 0,
      uncertain: 0,
      takenOver: concurrency * batch,
    })

    // From the sandbox's request log: every order arrived, and those sent twice are exactly the
    // 200 in flight at the kill (the four batches held).
    const sends = sendsPerOrder(sandbox)
    expect(sends.size).toBe(orders)
    const twice = [...sends].filter(([, count]) => count > 1)
    expect(twice.every(([, count]) => count === 2)).toBe(true)
    expect(twice.map(([id]) => id).sort()).toEqual(inFlight)
    expect(sandbox.control.orders('youshu').size).toBe(orders)

    const after = await runOrdersync(['status', '--ledger', 'ledger.sqlite', '--json'], { cwd })
    expect(JSON.parse(after.stdout).counts).toEqual([
      { platform: 'youshu', outcome: 'succeeded', orders, delivered: orders },
    ])
  })
})
