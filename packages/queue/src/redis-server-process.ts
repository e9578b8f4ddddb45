import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A redis-server of a test's own, for the tests that stop Redis or need a configuration other than
// the shared test server's (scripts/with-redis-server.mjs starts that one: no persistence). It
// starts like that one does: on a free loopback port, in a directory of its own.

/**
 * A redis-server a test started: its connection options, and the means to stop it (as a crash
 * would: SIGKILL) and start it again on the same port and directory.
 *
 * @internal
 */
export interface RedisServerProcess {
  readonly connection: { readonly host: string; readonly port: number }
  /** Kills the server (SIGKILL) and waits for it to exit. */
  stop(): Promise<void>
  /**
   * Starts it again (unless it runs), with the same flags, port and directory; resolves once it
   * answers PING.
   */
  start(): Promise<void>
  /** Stops it and removes its directory. */
  close(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      )
    })
  })
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('error', () => resolve(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
  })
}

/**
 * Starts a redis-server with `flags` (`['--appendonly', 'yes']`) besides its port, address and
 * directory; resolves once it answers PING.
 *
 * @internal
 */
export async function startRedisServer(flags: readonly string[]): Promise<RedisServerProcess> {
  const port = await freePort()
  const directory = mkdtempSync(join(tmpdir(), 'ordersync-queue-redis-'))
  let child: ChildProcess | undefined
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null
  const start = async () => {
    if (running()) return
    const started = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', directory, ...flags],
      { stdio: 'ignore' },
    )
    child = started
    for (let waited = 0; !(await answersPing(port)); waited += 20) {
      if (started.exitCode !== null || waited > 10_000) {
        throw new Error(`redis-server ${flags.join(' ')} did not start on 127.0.0.1:${port}`)
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
  const stop = async () => {
    const running = child
    child = undefined
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }
  await start()
  return {
    connection: { host: '127.0.0.1', port },
    stop,
    start,
    async close() {
      await stop()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
