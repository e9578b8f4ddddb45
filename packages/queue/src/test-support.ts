import type { OrderInput } from '@ordersync/core'
import { createTokenTestPlatform } from '../../sandbox/src/test-platforms/test-platform-clients.ts'
import { testPlatformOrder } from '../../sandbox/src/test-platforms/test-platform-order.ts'

// What the queue's tests share: the private Redis, versioned orders the sandbox can tell apart,
// and the sandbox's token test platform as the platform client.

/**
 * The Redis of the tests, as connection options: the private redis-server that
 * `scripts/with-redis-server.mjs` starts for the package's `test` script.
 *
 * @internal
 */
export function testConnection(): { host: string; port: number } {
  const url = process.env.ORDERSYNC_TEST_REDIS_URL
  if (url === undefined || url === '') {
    throw new Error(
      'ORDERSYNC_TEST_REDIS_URL is not set: run the tests with `pnpm test` in this package, which starts a redis-server for them',
    )
  }
  const { hostname, port } = new URL(url)
  return { host: hostname, port: Number(port) }
}

const baseModifiedAt = Date.parse('2024-05-20T02:01:30Z')

/**
 * Version `version` (1, 2, …) of order `id`: each version one minute later than the one before,
 * carrying its number in the buyer's phone, which the test platform stores, so that the sandbox
 * shows which version it holds.
 *
 * @internal
 */
export function orderVersion(
  id: string,
  version: number,
): OrderInput & { readonly modifiedAt: number } {
  return {
    ...testPlatformOrder,
    id,
    modifiedAt: baseModifiedAt + version * 60_000,
    buyer: { phone: `v${version}` },
  }
}

/**
 * The version number a stored or sent test-platform payload carries.
 *
 * @internal
 */
export function versionOfPayload(payload: unknown): number {
  const phone = (payload as { phone?: unknown }).phone
  return typeof phone === 'string' ? Number(phone.slice(1)) : Number.NaN
}

/**
 * The sandbox's token test platform as a client, with fast transport retries (or `retry`), sending
 * with `fetch` when given one (a worker's, for the rate limit).
 *
 * @internal
 */
export function testPlatformClient(
  baseURL: string,
  retry: NonNullable<Parameters<typeof createTokenTestPlatform>[0]['retry']> = {
    maxAttempts: 2,
    initialDelayMs: 1,
    maxDelayMs: 5,
  },
  fetch?: typeof globalThis.fetch,
): ReturnType<typeof createTokenTestPlatform> {
  return createTokenTestPlatform({
    baseURL,
    clientId: 'token-test-client',
    clientSecret: 'token-test-secret-7f3a9c',
    retry,
    ...(fetch === undefined ? {} : { fetch }),
  })
}
