// The `ordersync` command (bin/ordersync.js runs the build of this file). Every failure it
// expects is one line on stderr, `ordersync: <what is wrong and what to do>`, and an exit status:
// 0 everything succeeded, 1 some order failed or may not have arrived, 2 bad input (arguments,
// configuration, credentials, an input or a ledger that cannot be used), 130 Ctrl+C, 143 SIGTERM.

import { CommanderError } from 'commander'
import { CliError, exitCodes, firstLine } from './cli-error.ts'
import { LedgerError } from './ledger/ledger-error.ts'
import { buildProgram } from './program.ts'

// Node 22 still calls SQLite experimental and says so on the first use of the ledger; the command
// keeps its stderr for what the user must read. Every other warning is shown as usual.
const emitWarning = process.emitWarning.bind(process)
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning.message
  if (/SQLite is an experimental feature/.test(text)) return
  ;(emitWarning as (...args: unknown[]) => void)(warning, ...rest)
}) as typeof process.emitWarning

// The command needs Node.js 22.18 (node:sqlite without a flag, a TypeScript configuration run as
// it is); an older one is told so at once, not with a stack trace halfway through a run.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `ordersync: needs Node.js 22.18 or newer; this is ${process.versions.node}\n`,
  )
  process.exit(exitCodes.badInput)
}

/** Writes what is pending on stdout and stderr (pipes are asynchronous), then exits. */
function exit(code: number): void {
  let pending = 2
  const done = (): void => {
    pending -= 1
    if (pending === 0) process.exit(code)
  }
  process.stdout.write('', done)
  process.stderr.write('', done)
}

// A reader that stops early (`ordersync ledger export | head`) closes the pipe: not an error.
const quietOnClosedPipe = (error: NodeJS.ErrnoException): void => {
  if (error.code === 'EPIPE') process.exit(exitCodes.ok)
  throw error
}
process.stdout.on('error', quietOnClosedPipe)
process.stderr.on('error', quietOnClosedPipe)

function report(error: unknown): number {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return exitCodes.ok
  if (error instanceof CommanderError) {
    // Help and the version asked for: 0. Help shown because the command is missing (`ordersync`,
    // `ordersync ledger`), commander's 1, is bad arguments: 2 (1 says that some order failed).
    const shown = ['commander.helpDisplayed', 'commander.version', 'commander.help']
    return shown.includes(error.code) && error.exitCode === 0 ? exitCodes.ok : exitCodes.badInput
  }
  if (error instanceof CliError) {
    process.stderr.write(`ordersync: ${error.message}\n`)
    return error.exitCode
  }
  if (error instanceof LedgerError) {
    process.stderr.write(`ordersync: ${error.message}\n`)
    return exitCodes.badInput
  }
  // Not expected: one line, and the stack when ORDERSYNC_DEBUG is set.
  process.stderr.write(`ordersync: ${firstLine(error)}\n`)
  if (process.env.ORDERSYNC_DEBUG && error instanceof Error)
    process.stderr.write(`${error.stack}\n`)
  return exitCodes.someFailed
}

let work: Promise<number> | undefined
const program = buildProgram((running) => {
  work = running
})

try {
  await program.parseAsync(process.argv)
  exit(work === undefined ? exitCodes.ok : await work)
} catch (error) {
  exit(report(error))
}
