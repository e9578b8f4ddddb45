import { type ChildProcess, fork } from 'node:child_process'
import { type Sandbox, startSandbox } from '@ordersync/sandbox'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenTestPlatformModule } from '../../sandbox/src/test-platforms/token-test-platform-module.ts'
import {
  type SharedTokenProcessCommand,
  type SharedTokenProcessReport,
  sharedTokenProcessScript,
} from './shared-token-process.ts'
import { testRedisUrl } from './test-redis-url.ts'

// Four application processes, each with its own token manager over one Redis store, against the
// sandbox's token platform over real HTTP: the token endpoint must be called once for all of them.

const processCount = 4
const syncsPerProcess = 200
const endpoint = '/token-test/orders'
const prefix = `test:${process.pid}:shared-token:`

let sandbox: Sandbox
let children: ChildProcess[] = []
const redis = new Redis(testRedisUrl())

function nextReport(child: ChildProcess): Promise<SharedTokenProcessReport> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`process exited early (${code})`))
    child.once('exit', onExit)
    child.once('message', (report: SharedTokenProcessReport) => {
      child.off('exit', onExit)
      resolve(report)
    })
  })
}

function runAll(phase: number): Promise<SharedTokenProcessReport[]> {
  const reports = Promise.all(children.map(nextReport))
  const command: SharedTokenProcessCommand = { type: 'run', phase, syncs: syncsPerProcess }
  for (const child of children) child.send(command)
  return reports
}

beforeAll(async () => {
  sandbox = await startSandbox({ modules: [createTokenTestPlatformModule()] })
  children = Array.from({ length: processCount }, () =>
    fork(sharedTokenProcessScript, [], {
      execArgv: [],
      env: { ...process.env, SANDBOX_URL: sandbox.url, TOKEN_PREFIX: prefix },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  const ready = await Promise.all(children.map(nextReport))
  expect(ready.every((report) => report.type === 'ready')).toBe(true)
}, 60_000)

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.send({ type: 'exit' } satisfies SharedTokenProcessCommand)
        }),
    ),
  )
  await redis.quit()
  await sandbox.close()
})

describe('one token for many processes', () => {
  it('4 processes × 200 concurrent syncs on a cold cache: 1 token request; an invalidation mid-run: 1 more', async () => {
    const counters = () => sandbox.control.counters('token-test')
    expect(await redis.exists(`${prefix}token-test:token-test-client`)).toBe(0)

    const first = await runAll(1)
    expect(first).toEqual(
      children.map(() => ({ type: 'done', phase: 1, succeeded: syncsPerProcess, failures: [] })),
    )
    expect(counters().tokenRequests).toBe(1)
    expect(counters().requests[endpoint]).toBe(processCount * syncsPerProcess)

    // Hold every order call for a moment, so that the invalidation lands while calls made with
    // the old token are on their way; invalidate once half of this run's calls have arrived.
    sandbox.control.injectFault({
      platform: 'token-test',
      endpoint,
      action: { type: 'delay', ms: 100 },
      times: Number.POSITIVE_INFINITY,
    })
    const second = runAll(2)
    const halfway = processCount * syncsPerProcess * 1.5
    while ((counters().requests[endpoint] ?? 0) < halfway) {
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    sandbox.control.invalidateTokens('token-test')
    const reports = await second
    sandbox.control.clearFaults()

    expect(reports).toEqual(
      children.map(() => ({ type: 'done', phase: 2, succeeded: syncsPerProcess, failures: [] })),
    )
    expect(counters().tokenRequests).toBe(2)
    // Calls that carried the old token were rejected and replayed with the new one: proof that
    // the invalidation came mid-run.
    const secondRunRequests = (counters().requests[endpoint] ?? 0) - processCount * syncsPerProcess
    expect(secondRunRequests).toBeGreaterThan(processCount * syncsPerProcess)
    console.log(
      `[shared token] ${processCount} processes, ${2 * processCount * syncsPerProcess} syncs: ${counters().tokenRequests} token requests; ${secondRunRequests - processCount * syncsPerProcess} calls rejected after the invalidation and replayed`,
    )
  }, 120_000)
})
