import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { CliError } from '../cli-error.ts'

/** The `ordersync-sandbox` command of the installed `@ordersync/sandbox`. */
function sandboxBin(): string {
  const require = createRequire(import.meta.url)
  let manifestFile: string
  try {
    manifestFile = require.resolve('@ordersync/sandbox/package.json')
  } catch {
    throw new CliError('@ordersync/sandbox is not installed: npm install @ordersync/sandbox')
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    bin?: Readonly<Record<string, string>>
  }
  const bin = manifest.bin?.['ordersync-sandbox']
  if (bin === undefined)
    throw new CliError('@ordersync/sandbox has no ordersync-sandbox command: upgrade it')
  return join(dirname(manifestFile), bin)
}

/**
 * `ordersync sandbox [--port] [--seed] [--json]`: runs the installed `@ordersync/sandbox`'s own
 * command, `ordersync-sandbox`, with these arguments — one implementation, the same summary. A
 * Ctrl+C reaches both processes (one process group); SIGTERM is passed on.
 *
 * @returns The sandbox command's exit status.
 */
export function runSandbox(args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [sandboxBin(), ...args], { stdio: 'inherit' })
  // The terminal sends Ctrl+C to the sandbox too: this process waits for it to stop.
  const onInterrupt = (): void => {}
  const onTerminate = (): void => {
    child.kill('SIGTERM')
  }
  process.on('SIGINT', onInterrupt)
  process.on('SIGTERM', onTerminate)
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      process.off('SIGINT', onInterrupt)
      process.off('SIGTERM', onTerminate)
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1))
    })
  })
}
