import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliUnderTest } from '../test-support/cli-under-test.ts'
import { workDirectory } from '../test-support/run-ordersync.ts'
import {
  jsonLines,
  sentOrderIds,
  youshuAddOrder,
  youshuOrder,
} from '../test-support/sandbox-orders.ts'
import { startTerminal, type TerminalSession } from '../test-support/terminal-session.ts'

let sandbox: Sandbox<object>
let terminal: TerminalSession | undefined
const work = workDirectory()
beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(async () => {
  terminal?.close()
  await sandbox.close()
  work.remove()
})

// The two runs overlap (each waits on its sandbox's delays): each has a sandbox of its own.
describe.concurrent('ordersync sync in a terminal', () => {
  it('shows a progress bar with rate, ETA and live counts; Ctrl+C stops reading, lets the requests in flight finish, reports and exits 130', async () => {
    writeFileSync(
      join(work.path, 'orders.jsonl'),
      jsonLines(Array.from({ length: 1_000 }, (_, index) => youshuOrder(index + 1))),
    )
    // Each request takes 300 ms: a run of 20 requests, long enough to watch and stop.
    sandbox.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'delay', ms: 300 },
      times: Number.POSITIVE_INFINITY,
    })
    terminal = startTerminal(
      [
        process.execPath,
        cliUnderTest.bin,
        'sync',
        'orders.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        sandbox.url,
        '--concurrency',
        '1',
      ],
      { cwd: work.path, columns: 160, rows: 24 },
    )
    const running = await terminal.waitFor(/ 1[05]0\/1,000 │/)
    const bar = running.split('\n').find((line) => line.startsWith('youshu ')) ?? ''
    expect(bar).toMatch(
      /^youshu [█░]{24} +\d+% │ [\d,]+\/1,000 │ [\d,]+ orders\/s │ ETA (\d+(\.\d)? s|\d+ min \d\d s) │ [\d,]+ succeeded · 0 uncertain · 0 failed · 0 skipped$/,
    )

    terminal.keys('C-c')
    const stopped = await terminal.waitFor(/EXIT=\d+/)
    expect(stopped).toMatch(/EXIT=130/)
    expect(stopped).toMatch(/stopped by Ctrl\+C after reading [\d,]+; [\d,]+ not read/)
    const read = Number(/after reading ([\d,]+)/.exec(stopped)?.[1]?.replaceAll(',', ''))
    const succeeded = Number(/\n {2}succeeded +([\d,]+)/.exec(stopped)?.[1]?.replaceAll(',', ''))
    // The requests in flight finished: every order read has its result, none was cut off.
    expect(succeeded).toBe(read)
    expect(read).toBeLessThan(1_000)
    expect(stopped).toMatch(/\n {2}uncertain +0\n/)
    expect(sentOrderIds(sandbox).flat()).toHaveLength(read)
    // The last frame keeps the counts in words, the state after them: what gives way is the bar
    // and the rate.
    expect(stopped).toMatch(
      /^youshu +\d+% │ [\d,]+\/1,000 │ ETA [^│]+ │ [\d,]+ succeeded · 0 uncertain · 0 failed · 0 skipped │ stopping: the requests in flight finish \(Ctrl\+C again aborts them\)$/m,
    )
  })

  it('keeps the counts in words on a narrow terminal, in every frame, the last one too', async () => {
    const own = await startSandbox()
    own.control.injectFault({
      platform: 'youshu',
      endpoint: youshuAddOrder,
      action: { type: 'delay', ms: 300 },
      times: Number.POSITIVE_INFINITY,
    })
    writeFileSync(
      join(work.path, 'few.jsonl'),
      jsonLines(Array.from({ length: 150 }, (_, index) => youshuOrder(index + 1))),
    )
    const narrow = startTerminal(
      [
        process.execPath,
        cliUnderTest.bin,
        'sync',
        'few.jsonl',
        '--platform',
        'youshu',
        '--sandbox-url',
        own.url,
        '--concurrency',
        '1',
      ],
      { cwd: work.path, columns: 80, rows: 24 },
    )
    try {
      const running = await narrow.waitFor(/ (50|100)\/150 │/)
      expect(running.split('\n').find((line) => line.startsWith('youshu '))).toMatch(
        /^youshu +\d+% │ [\d,]+\/150 │ [\d,]+ succeeded · 0 uncertain · 0 failed · 0 skipped$/,
      )
      const done = await narrow.waitFor(/EXIT=\d+/)
      expect(done).toMatch(/EXIT=0/)
      expect(done.split('\n')[0]).toBe(
        'youshu 100% │ 150/150 │ 150 succeeded · 0 uncertain · 0 failed · 0 skipped',
      )
    } finally {
      narrow.close()
      await own.close()
    }
  })
})
