#!/usr/bin/env node
// ordersync-sandbox: runs the sandbox standalone and prints its URL and the credentials each
// platform accepts, as JSON on one line, then serves until interrupted.
//
//   ordersync-sandbox [--port 4010] [--seed 1]

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
const sandbox = await startSandbox({ port, seed, modules })
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
