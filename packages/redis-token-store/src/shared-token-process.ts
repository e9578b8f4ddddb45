import { fileURLToPath } from 'node:url'
import { syncOrders } from '@ordersync/core'
import { Redis } from 'ioredis'
import { createTokenTestPlatform } from '../../sandbox/src/test-platforms/test-platform-clients.ts'
import { testPlatformOrder } from '../../sandbox/src/test-platforms/test-platform-order.ts'
import { createRedisTokenStore } from './redis-token-store.ts'

// One of the processes of `shared-token-across-processes.test.ts`: an application server with
// its own token manager over the shared Redis store. On each `run` message it starts 200
// concurrent syncs of one order each and answers how many succeeded.

/**
 * The path of this script, for the test to start it as a child process.
 *
 * @internal
 */
export const sharedTokenProcessScript: string = fileURLToPath(import.meta.url)

/** A message from the test to a process. */
export type SharedTokenProcessCommand =
  | { readonly type: 'run'; readonly phase: number; readonly syncs: number }
  | { readonly type: 'exit' }

/** A message from a process to the test. */
export type SharedTokenProcessReport =
  | { readonly type: 'ready' }
  | {
      readonly type: 'done'
      readonly phase: number
      readonly succeeded: number
      readonly failures: readonly string[]
    }

async function main(): Promise<void> {
  const redis = new Redis(process.env.ORDERSYNC_TEST_REDIS_URL ?? '')
  const platform = createTokenTestPlatform({
    baseURL: process.env.SANDBOX_URL ?? '',
    clientId: 'token-test-client',
    clientSecret: 'token-test-secret-7f3a9c',
    retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 10 },
    tokenStore: createRedisTokenStore({ redis, prefix: process.env.TOKEN_PREFIX ?? '' }),
  })
  const send = (report: SharedTokenProcessReport) => process.send?.(report)
  process.on('message', async (command: SharedTokenProcessCommand) => {
    if (command.type === 'exit') {
      await redis.quit()
      process.disconnect()
      return
    }
    const reports = await Promise.all(
      Array.from({ length: command.syncs }, (_, index) =>
        syncOrders({
          platform,
          orders: [{ ...testPlatformOrder, id: `p${process.pid}-${command.phase}-${index}` }],
        }),
      ),
    )
    const failures = reports.flatMap((report) =>
      report.results.flatMap((result) =>
        result.status === 'failed' ? [result.error.message] : [],
      ),
    )
    send({
      type: 'done',
      phase: command.phase,
      succeeded: reports.reduce((total, report) => total + report.succeeded, 0),
      failures,
    })
  })
  send({ type: 'ready' })
}

if (process.argv[1] === sharedTokenProcessScript) await main()
