import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RedisServerProcess, startRedisServer } from './redis-server-process.ts'
import { createSyncQueue, type SyncQueue, type SyncQueueOptions } from './sync-queue.ts'
import { SyncQueuePersistenceError } from './sync-queue-persistence-error.ts'
import { orderVersion, testConnection } from './test-support.ts'

// What the queue reads of its Redis's persistence at start, on each configuration an operator may
// run: none (the tests' shared server: --save '' --appendonly no), RDB snapshots only with an
// evicting policy (Debian's default snapshots), the guide's recommended configuration (AOF,
// appendfsync everysec, noeviction), and a managed-style server that refuses CONFIG.

const recommendedFlags = [
  '--appendonly',
  'yes',
  '--appendfsync',
  'everysec',
  '--maxmemory-policy',
  'noeviction',
]
let recommended: RedisServerProcess
let snapshotsOnly: RedisServerProcess
let configRefused: RedisServerProcess
let configRefusedWithAof: RedisServerProcess
let queue: SyncQueue | undefined
let run = 0

beforeAll(async () => {
  ;[recommended, snapshotsOnly, configRefused, configRefusedWithAof] = await Promise.all([
    startRedisServer(recommendedFlags),
    startRedisServer([
      '--save',
      '3600 1 300 100 60 10000',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'allkeys-lru',
    ]),
    startRedisServer(['--save', '', '--appendonly', 'no', '--rename-command', 'CONFIG', '']),
    startRedisServer(['--appendonly', 'yes', '--rename-command', 'CONFIG', '']),
  ])
})
afterAll(async () => {
  await Promise.all(
    [recommended, snapshotsOnly, configRefused, configRefusedWithAof].map((server) =>
      server.close(),
    ),
  )
})
afterEach(async () => {
  await queue?.close()
  queue = undefined
})

const guide =
  "run it with appendonly yes, appendfsync everysec and maxmemory-policy noeviction (the Scaling out guide, \"Running Redis for the queue\"), or set createSyncQueue's persistence to 'ignore' if losing them is acceptable"

/** A queue on `connection`; resolves with it and the errors it reported once it read Redis. */
async function openQueue(
  connection: SyncQueueOptions['connection'],
  persistence?: SyncQueueOptions['persistence'],
): Promise<{ queue: SyncQueue; errors: Error[] }> {
  const errors: Error[] = []
  run += 1
  queue = createSyncQueue({
    connection,
    prefix: `test-${process.pid}-persistence-${run}`,
    platforms: { 'token-test': {} },
    timeoutMs: 2000,
    onError: (error) => errors.push(error),
    ...(persistence === undefined ? {} : { persistence }),
  })
  await queue.waitUntilReady().catch(() => {})
  // The read is over once a PING after it is answered (one connection: commands in order).
  await queue.counts('token-test')
  return { queue, errors }
}

describe('sync queue: the persistence of its Redis', () => {
  it('warns through onError when Redis keeps nothing on disk, and works on (the default)', async () => {
    const { queue, errors } = await openQueue(testConnection())
    expect(errors.map((error) => error.message)).toEqual([
      `[ordersync] [queue] Redis may lose the queue's orders: no persistence (appendonly no, save ""): a restart of Redis loses every order waiting in the queue — ${guide}`,
    ])
    const [warning] = errors
    expect(SyncQueuePersistenceError.isInstance(warning)).toBe(true)
    expect((warning as SyncQueuePersistenceError).persistence).toEqual({
      mode: 'none',
      appendfsync: undefined,
      save: '',
      maxmemoryPolicy: 'noeviction',
      readWith: 'config',
      unreadable: undefined,
    })
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
  })

  it('warns of RDB snapshots only and of an evicting policy, each with its consequence', async () => {
    const { errors } = await openQueue(snapshotsOnly.connection, 'warn')
    expect(errors.map((error) => error.message)).toEqual([
      `[ordersync] [queue] Redis may lose the queue's orders: RDB snapshots only (appendonly no, save "3600 1 300 100 60 10000"): a restart of Redis loses every order enqueued since the last snapshot; maxmemory-policy allkeys-lru: Redis may evict the queue's keys when memory runs out, and an evicted key loses an order — ${guide}`,
    ])
  })

  it('says nothing of the recommended configuration, and require-aof lets it enqueue', async () => {
    const { queue, errors } = await openQueue(recommended.connection, 'require-aof')
    expect(errors).toEqual([])
    await expect(queue.waitUntilReady()).resolves.toBeUndefined()
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
  })

  it('with require-aof, refuses to enqueue or replay dead letters on a Redis without the append-only file', async () => {
    const { queue, errors } = await openQueue(testConnection(), 'require-aof')
    const refusal = `[ordersync] [queue] Redis may lose the queue's orders: no persistence (appendonly no, save ""): a restart of Redis loses every order waiting in the queue — ${guide}`
    expect(errors.map((error) => error.message)).toEqual([refusal])
    await expect(queue.waitUntilReady()).rejects.toThrow(refusal)
    const refused = await queue.enqueue('token-test', orderVersion('a', 1)).catch((error) => error)
    expect(SyncQueuePersistenceError.isInstance(refused)).toBe(true)
    expect((refused as Error).message).toBe(refusal)
    await expect(queue.enqueueMany('token-test', [orderVersion('b', 1)])).rejects.toThrow(refusal)
    // With no dead letter to replay too: the refusal does not depend on the queue's content.
    const replay = await queue.replayDeadLetters('token-test').catch((error) => error)
    expect(SyncQueuePersistenceError.isInstance(replay)).toBe(true)
    expect((await queue.counts('token-test')).waiting).toBe(0)
  })

  it('says so when Redis refuses CONFIG, and reads the append-only file from INFO', async () => {
    const configRefusal =
      "CONFIG GET: ERR unknown command 'config', with args beginning with: 'GET' 'appendonly'"
    const withoutAof = await openQueue(configRefused.connection, 'require-aof')
    const unknown = `[ordersync] [queue] Redis may lose the queue's orders: persistence unknown: the server refuses CONFIG (${configRefusal}) and INFO persistence says aof_enabled:0, so a restart of Redis loses every order enqueued since the last RDB snapshot, if it takes any — ${guide}`
    expect(withoutAof.errors.map((error) => error.message)).toEqual([unknown])
    expect((withoutAof.errors[0] as SyncQueuePersistenceError).persistence).toEqual({
      mode: 'unknown',
      appendfsync: undefined,
      save: undefined,
      maxmemoryPolicy: undefined,
      readWith: 'info',
      unreadable: configRefusal,
    })
    await expect(withoutAof.queue.enqueue('token-test', orderVersion('a', 1))).rejects.toThrow(
      unknown,
    )
    await withoutAof.queue.close()

    const withAof = await openQueue(configRefusedWithAof.connection, 'require-aof')
    expect(withAof.errors).toEqual([])
    expect((await withAof.queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
  })

  it('reads nothing with persistence: ignore', async () => {
    const { queue, errors } = await openQueue(testConnection(), 'ignore')
    expect(errors).toEqual([])
    expect((await queue.enqueue('token-test', orderVersion('a', 1))).status).toBe('queued')
  })
})
