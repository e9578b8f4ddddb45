#!/usr/bin/env node
// ordersync-sandbox: runs the sandbox standalone and prints its URL and the credentials each
// platform accepts, as JSON on one line, then serves until interrupted.
//
//   ordersync-sandbox [--port 4010] [--seed 1]
//
// Exit codes: 0 after SIGINT or SIGTERM, 1 when the server cannot start (one line on stderr, e.g.
// a port in use), 2 for bad arguments.

import { parseArgs } from 'node:util'
import { createDefaultSandboxModules } from './default-sandbox-modules.ts'
import { startSandbox } from './start-sandbox.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: '1' },
    help: { type: 'boolean', default: false },
  },
})

if (values.help) {
  process.stdout.write('usage: ordersync-sandbox [--port <port>] [--seed <integer>]\n')
  process.exit(0)
}
const port = Number(values.port)
const seed = Number(values.seed)
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(seed)) {
  process.stderr.write('ordersync-sandbox: --port must be 0–65535 and --seed an integer\n')
  process.exit(2)
}

const modules = createDefaultSandboxModules()
let sandbox: Awaited<ReturnType<typeof startSandbox>>
try {
  sandbox = await startSandbox({ port, seed, modules })
} catch (error) {
  // One line, no stack trace: what failed and what to do.
  const code = (error as { code?: unknown } | undefined)?.code
  process.stderr.write(
    code === 'EADDRINUSE'
      ? `ordersync-sandbox: port ${port} is already in use on 127.0.0.1; stop what listens there or pass another --port (0 picks a free one)\n`
      : code === 'EACCES'
        ? `ordersync-sandbox: no permission to listen on port ${port}; pass a port above 1023 (0 picks a free one)\n`
        : `ordersync-sandbox: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
}
process.stdout.write(
  `${JSON.stringify({
    url: sandbox.url,
    credentials: sandbox.credentials,
    platforms: modules.map((module) => module.platform),
    control: `${sandbox.url}/_sandbox/state`,
  })}\n`,
)
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
