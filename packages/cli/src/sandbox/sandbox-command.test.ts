import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  commandEnvironment,
  type RunningCommand,
  startOrdersync,
  workDirectory,
} from '../test-support/run-ordersync.ts'

const work = workDirectory()
afterAll(() => work.remove())

/** Waits for `lines` lines on stdout, stops the command with SIGTERM, and returns its output and exit. */
async function linesThenStop(running: RunningCommand, lines: number) {
  const deadline = Date.now() + 15_000
  while (running.output().stdout.split('\n').length <= lines) {
    if (Date.now() > deadline)
      throw new Error(`no ${lines} lines: ${JSON.stringify(running.output())}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  running.child.kill('SIGTERM')
  return running.exited
}

/** The installed @ordersync/sandbox's own command, run directly. */
function startSandboxBin(args: readonly string[]): RunningCommand {
  const manifestFile = createRequire(import.meta.url).resolve('@ordersync/sandbox/package.json')
  const bin =
    (JSON.parse(readFileSync(manifestFile, 'utf8')) as { bin: Record<string, string> }).bin[
      'ordersync-sandbox'
    ] ?? ''
  const child = spawn(process.execPath, [join(dirname(manifestFile), bin), ...args], {
    cwd: work.path,
    env: commandEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const exited = new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
    stdout: string
    stderr: string
  }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })))
  return { child, output: () => ({ stdout, stderr }), exited }
}

const withoutPort = (text: string): string => text.replaceAll(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')

describe('ordersync sandbox', () => {
  it('runs the installed @ordersync/sandbox’s own command: the same summary, and exit 0 on SIGTERM', async () => {
    const ours = await linesThenStop(startOrdersync(['sandbox'], { cwd: work.path }), 4)
    const theirs = await linesThenStop(startSandboxBin([]), 4)
    expect(ours.code).toBe(0)
    expect(ours.stdout).toMatch(/^ordersync sandbox on http:\/\/127\.0\.0\.1:\d+\n/)
    expect(withoutPort(ours.stdout)).toBe(withoutPort(theirs.stdout))
    expect(ours.stderr).toBe('')
  })

  it('passes its options on: --json prints the URL, the credentials and the platforms on one line', async () => {
    const result = await linesThenStop(
      startOrdersync(['sandbox', '--json', '--seed', '7'], { cwd: work.path }),
      1,
    )
    const summary = JSON.parse(result.stdout) as {
      url: string
      platforms: string[]
      credentials: Record<string, unknown>
    }
    expect(summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(summary.platforms).toEqual(
      expect.arrayContaining(['alipayplus', 'baidu', 'wechat', 'wixtar', 'youshu']),
    )
    expect(Object.keys(summary.credentials)).toEqual(summary.platforms)
  })
})
