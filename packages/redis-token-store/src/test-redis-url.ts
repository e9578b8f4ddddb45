/**
 * The Redis the tests use: the private redis-server that `scripts/with-redis-server.mjs` starts
 * for the package's `test` script.
 *
 * @internal
 */
export function testRedisUrl(): string {
  const url = process.env.ORDERSYNC_TEST_REDIS_URL
  if (url === undefined || url === '') {
    throw new Error(
      'ORDERSYNC_TEST_REDIS_URL is not set: run the tests with `pnpm test` in this package, which starts a redis-server for them',
    )
  }
  return url
}
