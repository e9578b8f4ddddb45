#!/usr/bin/env node
// ordersync-sandbox: runs the sandbox standalone, prints a short summary (its URL, the platforms
// it serves, where to read the credentials each accepts and its state), then serves until
// interrupted. With --json it prints the URL, the credentials and the platforms as JSON on one
// line instead, for scripts.
//
//   ordersync-sandbox [--port 4010] [--seed 1] [--json]
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
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
})

if (values.help) {
  process.stdout.write('usage: ordersync-sandbox [--port <port>] [--seed <integer>] [--json]\n')
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
// The signals are handled before the summary is printed: whoever reads it may stop the sandbox
// at once, and a SIGTERM that came before the handler would end the process with no exit code.
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
const platforms = modules.map((module) => module.platform)
process.stdout.write(
  values.json
    ? `${JSON.stringify({
        url: sandbox.url,
        credentials: sandbox.credentials,
        platforms,
        control: `${sandbox.url}/_sandbox/state`,
      })}\n`
    : [
        `ordersync sandbox on ${sandbox.url}`,
        `  platforms:   ${platforms.join(', ')}`,
        `  credentials: ${sandbox.url}/_sandbox/credentials (or start it with --json)`,
        `  state:       ${sandbox.url}/_sandbox/state`,
        "Point a client's baseURL at the URL above. Stop with Ctrl-C.",
        '',
      ].join('\n'),
)
