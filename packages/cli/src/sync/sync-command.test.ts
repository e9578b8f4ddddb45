import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OrderInput } from '@ordersync/core'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { hasEscapes, runOrdersync, workDirectory } from '../test-support/run-ordersync.ts'
import {
  jsonLines,
  sendsPerOrder,
  sentOrderIds,
  youshuAddOrder,
  youshuOrder,
} from '../test-support/sandbox-orders.ts'
import type { CliResult } from './cli-result.ts'

let sandbox: Sandbox<object>
const work = workDirectory()
const cwd = work.path
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.control.reset())
afterAll(async () => {
  await sandbox.close()
  work.remove()
})

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, offset) => from + offset)
const readResults = (file: string): CliResult[] =>
  readFileSync(join(cwd, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliResult)

describe('ordersync sync against the sandbox, with faults', () => {
  it('reports each order exactly, writes one result line per order, and --retry-from sends exactly the failed and uncertain ones', async () => {
    const usd = JSON.stringify(youshuOrder(103)).replaceAll('"CNY"', '"USD"')
    writeFileSync(
      join(cwd, 'faults.jsonl'),
      jsonLines([
        ...range(1, 100).map(youshuOrder),
        '{"id": "broken", "status": ',
        '{"id":"invalid-1","status":"paid"}',
        usd,
      ]),
    )
    // The first batch's request dropped on every attempt: its 50 orders may or may not have arrived.
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'drop' },
      times: 4,
    })
    const url = sandbox.url
    const first = await runOrdersync(
      [
        'sync',
        'faults.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        url,
        '--concurrency',
        '1',
        '--out',
        'results.jsonl',
      ],
      { cwd },
    )
    expect(first.code).toBe(1)
    expect(first.stderr).toContain(
      'ordersync: faults.jsonl:101: not valid JSON at column 27: it ends too early; reported failed, the other lines go on\n',
    )
    expect(first.stdout).toMatch(
      /^youshu: 103 orders in .+ \(.+ orders\/s\), to the sandbox at http:\/\/127\.0\.0\.1:\d+\n/,
    )
    expect(first.stdout).toMatch(/\n {2}succeeded +50\n/)
    expect(first.stdout).toMatch(
      /\n {2}uncertain +50 +the platform may hold them: sync them again \(an upsert: safe\)\n/,
    )
    expect(first.stdout).toMatch(/\n {2}failed +3 +not sent 3\n/)
    expect(first.stdout).toMatch(/\n {2}skipped +0\n/)
    expect(hasEscapes(first.stdout + first.stderr)).toBe(false)

    const results = readResults('results.jsonl')
    expect(results).toHaveLength(103)
    expect(
      results.filter((result) => result.outcome === 'uncertain').map((result) => result.id),
    ).toEqual(range(1, 50).map((index) => `youshu-order-${index}`))
    expect(results.find((result) => result.line === 101)).toEqual({
      platform: 'youshu',
      line: 101,
      position: 100,
      id: null,
      version: null,
      outcome: 'failed',
      delivery: 'not_sent',
      errorCode: 'malformed_json',
      errorMessage: 'line 101 is not valid JSON at column 27: it ends too early',
    })
    expect(results.find((result) => result.line === 102)).toMatchObject({
      id: 'invalid-1',
      outcome: 'failed',
      delivery: 'not_sent',
      errorCode: 'invalid',
    })
    expect(results.find((result) => result.line === 103)).toMatchObject({
      id: 'youshu-order-103',
      outcome: 'failed',
      delivery: 'not_sent',
      errorCode: 'unsupported',
    })
    expect(results.find((result) => result.line === 1)).toMatchObject({
      id: 'youshu-order-1',
      version: '2024-05-20T10:01:30+08:00',
      outcome: 'uncertain',
      delivery: 'uncertain',
    })
    // Redacted: the orders' phone numbers appear nowhere.
    expect(readFileSync(join(cwd, 'results.jsonl'), 'utf8')).not.toMatch(/1371234\d{4}/)

    sandbox.control.reset()
    const retry = await runOrdersync(
      [
        'sync',
        'faults.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        url,
        '--retry-from',
        'results.jsonl',
        '--out',
        'retried.jsonl',
      ],
      { cwd },
    )
    expect(retry.code).toBe(1) // the three that cannot be sent fail again
    expect(sentOrderIds(sandbox).flat().sort()).toEqual(
      range(1, 50)
        .map((index) => `youshu-order-${index}`)
        .sort(),
    )
    expect(retry.stdout).toMatch(/^youshu: 53 orders in/)
    expect(retry.stdout).toMatch(/\n {2}succeeded +50\n/)
    expect(readResults('retried.jsonl')).toHaveLength(53)
  })

  it('--retry-from sends the failed orders by their id wherever they are now, and says which the edited input no longer holds', async () => {
    const unfinished = (index: number) => `{"id":"youshu-order-${index}","status":"paid"}`
    writeFileSync(
      join(cwd, 'first.jsonl'),
      jsonLines([
        youshuOrder(1),
        youshuOrder(2),
        unfinished(3),
        youshuOrder(4),
        unfinished(5),
        '{"id": "youshu-order-6", "sta',
      ]),
    )
    const url = sandbox.url
    const first = await runOrdersync(
      [
        'sync',
        'first.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        url,
        '--out',
        'first-results.jsonl',
      ],
      { cwd },
    )
    expect(first.code).toBe(1)
    expect(first.stdout).toMatch(/\n {2}failed +3 +not sent 3\n/)
    // The file is edited: an order added on top, order 3 fixed, order 5 and the broken line gone.
    writeFileSync(
      join(cwd, 'edited.jsonl'),
      jsonLines([youshuOrder(9), youshuOrder(1), youshuOrder(2), youshuOrder(3), youshuOrder(4)]),
    )
    sandbox.control.reset()
    const retry = await runOrdersync(
      [
        'sync',
        'edited.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        url,
        '--retry-from',
        'first-results.jsonl',
        '--out',
        'edited-results.jsonl',
      ],
      { cwd },
    )
    expect(sentOrderIds(sandbox)).toEqual([['youshu-order-3']])
    expect(retry.code).toBe(1) // not everything asked for was sent again
    expect(retry.stderr).toBe(
      'ordersync: 2 orders to retry are not in edited.jsonl: youshu-order-5, line 6\n',
    )
    expect(retry.stdout).toMatch(/^youshu: 1 order in .+\n {2}succeeded +1\n/)
    expect(readResults('edited-results.jsonl')).toEqual([
      {
        platform: 'youshu',
        line: 4,
        position: 3,
        id: 'youshu-order-3',
        version: youshuOrder(3).modifiedAt,
        outcome: 'succeeded',
      },
    ])
  })

  it('keeps what the platform holds in the ledger when a later file has an invalid version of the order (nothing sent)', async () => {
    const url = sandbox.url
    const order = youshuOrder(1)
    writeFileSync(join(cwd, 'kept.jsonl'), jsonLines([order]))
    writeFileSync(join(cwd, 'kept-bad.jsonl'), jsonLines([{ ...order, modifiedAt: 'not a time' }]))
    const sync = (file: string) =>
      runOrdersync(
        [
          'sync',
          file,
          '--platform',
          'youshu',
          '--sandbox-url',
          url,
          '--ledger',
          'kept.sqlite',
          '--json',
        ],
        { cwd },
      )
    expect((await sync('kept.jsonl')).code).toBe(0)
    const bad = await sync('kept-bad.jsonl')
    expect(bad.code).toBe(1)
    expect(JSON.parse(bad.stdout)).toMatchObject({
      failed: 1,
      failedBy: { not_sent: 1 },
      failures: [
        { id: 'youshu-order-1', outcome: 'failed', delivery: 'not_sent', errorCode: 'invalid' },
      ],
    })
    sandbox.control.reset()
    const again = await sync('kept.jsonl')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ skipped: 1, skippedBy: { unchanged: 1 } })
    expect(sentOrderIds(sandbox)).toEqual([])

    const status = await runOrdersync(['status', '--ledger', 'kept.sqlite', '--json'], { cwd })
    expect(status.code).toBe(0)
    expect(JSON.parse(status.stdout)).toEqual({
      ledger: join(cwd, 'kept.sqlite'),
      counts: [{ platform: 'youshu', outcome: 'succeeded', orders: 1, delivered: 1 }],
    })
    const text = await runOrdersync(['status', '--ledger', 'kept.sqlite'], { cwd })
    expect(text.stdout).toBe(
      `ledger ${join(cwd, 'kept.sqlite')}\nyoushu: 1 order, 1 delivered in its newest version\n  succeeded  1\n`,
    )
    const exported = await runOrdersync(['ledger', 'export', '--ledger', 'kept.sqlite'], { cwd })
    const time = (value: unknown) => new Date(String(value)).toISOString()
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      {
        platform: 'youshu',
        id: 'youshu-order-1',
        outcome: 'succeeded',
        deliveredVersion: time(order.modifiedAt),
        delivered: true,
        newestVersion: time(order.modifiedAt),
        inFlight: 0,
        delivery: null,
        errorCode: null,
        errorMessage: null,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
    ])
  })

  it('skips what the ledger says the platform holds, sends what changed, and never an older version', async () => {
    const url = sandbox.url
    const orders = range(1, 20).map(youshuOrder)
    writeFileSync(join(cwd, 'ledgered.jsonl'), jsonLines(orders))
    const sync = (file: string) =>
      runOrdersync(
        [
          'sync',
          file,
          '--platform',
          'youshu',
          '--sandbox-url',
          url,
          '--ledger',
          'state/ledger.sqlite',
          '--json',
        ],
        { cwd },
      )
    const first = await sync('ledgered.jsonl')
    expect(first.code).toBe(0)
    expect(JSON.parse(first.stdout)).toMatchObject({ succeeded: 20, skipped: 0 })
    expect(existsSync(join(cwd, 'state', 'ledger.sqlite'))).toBe(true)

    sandbox.control.reset()
    const again = await sync('ledgered.jsonl')
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({
      succeeded: 0,
      skipped: 20,
      skippedBy: { unchanged: 20 },
    })
    expect(sentOrderIds(sandbox)).toEqual([])

    // Order 3 moves on, order 4 changes without a new modifiedAt, order 5 comes back older.
    const changed = orders.map((order, index): OrderInput => {
      if (index === 2)
        return { ...order, status: 'completed', modifiedAt: '2024-05-21T09:00:00+08:00' }
      const [line, ...rest] = order.lines
      const renamed = [{ ...line, name: 'gift-wrapped goods' }, ...rest] as typeof order.lines
      if (index === 3) return { ...order, lines: renamed }
      if (index === 4) return { ...order, lines: renamed, modifiedAt: '2024-05-20T10:00:30+08:00' }
      return order
    })
    writeFileSync(join(cwd, 'changed.jsonl'), jsonLines(changed))
    sandbox.control.reset()
    const third = await sync('changed.jsonl')
    expect(third.code).toBe(0)
    expect(JSON.parse(third.stdout)).toMatchObject({
      succeeded: 2,
      skipped: 18,
      skippedBy: { unchanged: 17, stale_version: 1 },
    })
    expect(sentOrderIds(sandbox).flat().sort()).toEqual(['youshu-order-3', 'youshu-order-4'])

    const status = await runOrdersync(['status', '--ledger', 'state/ledger.sqlite'], { cwd })
    expect(status.code).toBe(0)
    expect(status.stdout).toBe(
      `ledger ${join(cwd, 'state', 'ledger.sqlite')}\nyoushu: 20 orders, 20 delivered in their newest version\n  succeeded  20\n`,
    )
    const exported = await runOrdersync(['ledger', 'export', '--ledger', 'state/ledger.sqlite'], {
      cwd,
    })
    const lines = exported.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines).toHaveLength(20)
    expect(lines.find((line) => line.id === 'youshu-order-3')).toMatchObject({
      platform: 'youshu',
      outcome: 'succeeded',
      delivered: true,
      deliveredVersion: '2024-05-21T01:00:00.000Z',
      newestVersion: '2024-05-21T01:00:00.000Z',
    })

    // A dry run reads the ledger, prepares, and sends nothing.
    sandbox.control.reset()
    const dry = await runOrdersync(
      [
        'sync',
        'changed.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        url,
        '--ledger',
        'state/ledger.sqlite',
        '--dry-run',
      ],
      { cwd },
    )
    expect(dry.code).toBe(0)
    expect(dry.stdout).toMatch(/^youshu: 20 orders prepared \(dry run: nothing sent\)/)
    expect(dry.stdout).toMatch(/\n {2}ready to send +1 +prepared; nothing was sent\n/)
    expect(dry.stdout).toMatch(/\n {2}skipped +19 +unchanged 19\n/)
    expect(dry.stdout).toMatch(/\nledger state\/ledger\.sqlite\n$/)
    expect(sentOrderIds(sandbox)).toEqual([])
  })

  it('writes plain progress lines when stderr is not a terminal', async () => {
    writeFileSync(join(cwd, 'slow.jsonl'), jsonLines(range(1, 150).map(youshuOrder)))
    // Three requests of 500 ms each, one at a time: a line after a second, mid-run.
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'delay', ms: 500 },
      times: Number.POSITIVE_INFINITY,
    })
    const result = await runOrdersync(
      [
        'sync',
        'slow.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        sandbox.url,
        '--concurrency',
        '1',
        '--progress-interval',
        '1',
      ],
      { cwd },
    )
    expect(result.code).toBe(0)
    const lines = result.stderr.trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(1)
    // The rate is known from the first line on (since the start), and so the time left.
    for (const line of lines) {
      expect(line).toMatch(
        /^\[youshu\] \d+\/150 \(\d+%\) · [1-9][\d,]* orders\/s · ETA (\d+ ms|\d+\.\d s) · \d+ succeeded · 0 uncertain · 0 failed · 0 skipped$/,
      )
    }
    expect(hasEscapes(result.stderr)).toBe(false)
    expect(result.stdout).toMatch(/\n {2}succeeded +150\n/)
  })
})

describe('ordersync sync with a configuration', () => {
  it('reads credentials from the environment variables it names, and says which one is missing', async () => {
    const dir = workDirectory()
    try {
      writeFileSync(
        join(dir.path, 'ordersync.config.ts'),
        [
          "import { defineConfig } from '@ordersync/cli'",
          "import { createYoushu } from '@ordersync/youshu'",
          '',
          'export default defineConfig({',
          '  platforms: {',
          "    youshu: ({ env }) => createYoushu({ environment: 'test', baseURL: env('SANDBOX_URL'), appId: env('YOUSHU_APP_ID'), appSecret: env('YOUSHU_APP_SECRET'), merchantId: env('YOUSHU_MERCHANT_ID'), retryableRetcodes: [-1] }),",
          '  },',
          "  ledger: 'state/ledger.sqlite',",
          '})',
          '',
        ].join('\n'),
      )
      writeFileSync(join(dir.path, 'orders.jsonl'), jsonLines(range(1, 5).map(youshuOrder)))
      const credentials = (sandbox.credentials as { youshu: Record<string, string> }).youshu
      const env = {
        SANDBOX_URL: sandbox.url,
        YOUSHU_APP_ID: credentials.appId ?? '',
        YOUSHU_MERCHANT_ID: credentials.merchantId ?? '',
      }
      const missing = await runOrdersync(['sync', 'orders.jsonl'], { cwd: dir.path, env })
      expect(missing).toMatchObject({
        code: 2,
        stdout: '',
        stderr:
          'ordersync: the environment variable YOUSHU_APP_SECRET is not set (platforms.youshu in ordersync.config.ts): set it in the environment; credentials are never taken from the command line\n',
      })
      const withSecret = { ...env, YOUSHU_APP_SECRET: credentials.appSecret ?? '' }
      // A dry run reads no ledger that is not there yet, and makes none: the report says so.
      const dry = await runOrdersync(['sync', 'orders.jsonl', '--dry-run'], {
        cwd: dir.path,
        env: withSecret,
      })
      expect(dry.code).toBe(0)
      expect(dry.stdout).toMatch(
        /\nledger state\/ledger\.sqlite \(none yet: a dry run creates none\)\n$/,
      )
      expect(existsSync(join(dir.path, 'state'))).toBe(false)
      const result = await runOrdersync(['sync', 'orders.jsonl'], {
        cwd: dir.path,
        env: withSecret,
      })
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(
        /^youshu: 5 orders in .*, with the client of ordersync\.config\.ts\n/,
      )
      expect(result.stdout).toMatch(/\nledger state\/ledger\.sqlite\n$/)
      expect(existsSync(join(dir.path, 'state', 'ledger.sqlite'))).toBe(true)
      expect([...sendsPerOrder(sandbox).keys()].sort()).toEqual(
        range(1, 5).map((index) => `youshu-order-${index}`),
      )
    } finally {
      dir.remove()
    }
  })

  it('runs with no configuration and no credentials at all with --sandbox', async () => {
    const dir = workDirectory()
    try {
      const sample = await runOrdersync(['sample', '--platform', 'youshu', '--count', '30'], {
        cwd: dir.path,
      })
      writeFileSync(join(dir.path, 'orders.jsonl'), sample.stdout)
      const result = await runOrdersync(
        ['sync', 'orders.jsonl', '--platform', 'youshu', '--sandbox'],
        { cwd: dir.path },
      )
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(
        /^youshu: 30 orders in .*, to a sandbox started for this run on http:\/\/127\.0\.0\.1:\d+\n {2}succeeded +30\n/,
      )
      expect(existsSync(join(dir.path, '.ordersync'))).toBe(false) // no ledger for a sandbox that forgets
    } finally {
      dir.remove()
    }
  })
})
