#!/usr/bin/env node
// Runs a command with a private redis-server beside it, for the tests of the packages that
// work on Redis: installs Debian's redis-server when it is missing (apt-get, as root), starts it
// on a free loopback port with no persistence, passes its URL in ORDERSYNC_TEST_REDIS_URL, and
// stops it when the command ends, whatever the outcome.
//
// Usage: node scripts/with-redis-server.mjs <command> [args…]

import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const [command, ...args] = process.argv.slice(2)
if (command === undefined) {
  console.error('usage: with-redis-server.mjs <command> [args…]')
  process.exit(2)
}

function hasRedisServer() {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

if (!hasRedisServer()) {
  if (
    process.getuid?.() !== 0 ||
    spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0
  ) {
    console.error(
      '[redis] redis-server is not installed and cannot be installed here (needs apt-get as root): install Redis 7 and put redis-server on PATH',
    )
    process.exit(1)
  }
  console.log('[redis] installing redis-server (apt-get)')
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function answersPing(port) {
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

const port = await freePort()
const directory = mkdtempSync(join(tmpdir(), 'ordersync-redis-'))
const redis = spawn(
  'redis-server',
  [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    directory,
    '--maxmemory-policy',
    'noeviction',
    '--loglevel',
    'warning',
    '--logfile',
    join(directory, 'redis.log'),
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
)
let redisExited = false
const redisExit = new Promise((resolve) => {
  redis.once('exit', () => {
    redisExited = true
    resolve()
  })
})

// Stops redis-server and waits for it to exit before removing its directory (it writes its log
// there until the end).
const stopRedis = async () => {
  if (!redisExited) {
    redis.kill('SIGTERM')
    const forced = setTimeout(() => redis.kill('SIGKILL'), 5_000)
    await redisExit
    clearTimeout(forced)
  }
  rmSync(directory, { recursive: true, force: true, maxRetries: 3 })
}

for (let waited = 0; !(await answersPing(port)); waited += 50) {
  if (redisExited || waited > 10_000) {
    let log = ''
    try {
      log = readFileSync(join(directory, 'redis.log'), 'utf8')
    } catch {}
    await stopRedis()
    console.error(`[redis] redis-server did not start on 127.0.0.1:${port}\n${log}`)
    process.exit(1)
  }
  await new Promise((resolve) => setTimeout(resolve, 50))
}

const child = spawn(command, args, {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  env: { ...process.env, ORDERSYNC_TEST_REDIS_URL: `redis://127.0.0.1:${port}` },
})
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.once('error', async (error) => {
  await stopRedis()
  console.error(`[redis] could not run ${command}: ${error.message}`)
  process.exit(1)
})
child.once('exit', async (code, signal) => {
  await stopRedis()
  process.exit(code ?? (signal === null ? 1 : 128))
})
