import { type ChildProcess, spawn } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliUnderTest } from './cli-under-test.ts'

/** How a run of the command ended, and what it printed. */
export interface CommandResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** A run of the command still going. */
export interface RunningCommand {
  readonly child: ChildProcess
  /** What it printed so far. */
  output(): { readonly stdout: string; readonly stderr: string }
  readonly exited: Promise<CommandResult>
}

export interface RunOptions {
  readonly cwd: string
  /** Variables added to the environment (the caller's, less its colour settings). */
  readonly env?: Readonly<Record<string, string>>
  /** Written to its standard input, which is then closed. */
  readonly input?: string
}

/** The environment the command runs in: the test's, without what would force or stop colours. */
export function commandEnvironment(
  extra: Readonly<Record<string, string>> = {},
): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _none, ...rest } = process.env
  return { ...rest, ...extra }
}

/** Starts `ordersync <args>` (the real bin, built for the tests) with its output piped. */
export function startOrdersync(args: readonly string[], options: RunOptions): RunningCommand {
  const child = spawn(process.execPath, [cliUnderTest.bin, ...args], {
    cwd: options.cwd,
    env: commandEnvironment(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  child.stdin?.end(options.input ?? '')
  const exited = new Promise<CommandResult>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, output: () => ({ stdout, stderr }), exited }
}

/** Runs `ordersync <args>` to its end. */
export function runOrdersync(args: readonly string[], options: RunOptions): Promise<CommandResult> {
  return startOrdersync(args, options).exited
}

/**
 * A scratch folder for one test, outside the repository: a project in which
 * `import … from '@ordersync/cli'` finds the command's build, and `@ordersync/youshu` and the
 * other packages the command's own, as installed packages would be.
 */
export function workDirectory(): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'ordersync-cli-test-'))
  const scope = join(path, 'node_modules', '@ordersync')
  mkdirSync(scope, { recursive: true })
  symlinkSync(cliUnderTest.directory, join(scope, 'cli'), 'dir')
  const installed = join(cliUnderTest.packageDirectory, 'node_modules', '@ordersync')
  for (const name of readdirSync(installed)) {
    symlinkSync(realpathSync(join(installed, name)), join(scope, name), 'dir')
  }
  writeFileSync(join(path, 'package.json'), '{ "type": "module" }\n')
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

/** Whether a text holds terminal escape sequences (colours, cursor moves). */
export const hasEscapes = (text: string): boolean => text.includes('\u001b[')
