// The sandbox for the benchmark, in its own process so that the benchmark measures the client's
// memory alone. Prints its URL, then serves until stdin closes; prints the request count on exit.
import { startSandbox } from '../src/start-sandbox.ts'
import { createTokenTestPlatformModule } from '../src/test-platforms/token-test-platform-module.ts'

const sandbox = await startSandbox({
  modules: [createTokenTestPlatformModule()],
  maxLogEntries: 100,
})
process.stdout.write(`${sandbox.url}\n`)
process.stdin.resume()
process.stdin.on('end', async () => {
  const requests = sandbox.control.counters('token-test').requests['/token-test/orders'] ?? 0
  process.stdout.write(
    `${JSON.stringify({ requests, stored: sandbox.control.orders('token-test').size })}\n`,
  )
  await sandbox.close()
  process.exit(0)
})
