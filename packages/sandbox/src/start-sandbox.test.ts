import { afterEach, describe, expect, it } from 'vitest'
import type { SandboxPlatformModule } from './sandbox-types.ts'
import { createSeededRandom } from './seeded-random.ts'
import { type Sandbox, startSandbox } from './start-sandbox.ts'

function echoModule(platform = 'echo', path = '/echo'): SandboxPlatformModule {
  return {
    platform,
    credentials: { key: 'echo-key' },
    routes: [
      {
        method: 'POST',
        path: '/echo/token',
        kind: 'token',
        handle: () => ({ status: 200, body: { token: 't' } }),
      },
      {
        method: 'POST',
        path,
        kind: 'api',
        handle: (incoming, context) => {
          context.store.set(String(context.store.size), incoming.json)
          return { status: 200, body: { ok: true, query: incoming.query.get('q') } }
        },
      },
    ],
  }
}

let sandbox: Sandbox | undefined
afterEach(async () => {
  await sandbox?.close()
  sandbox = undefined
})

const post = (path: string, body = '{}') =>
  fetch(`${sandbox?.url}${path}`, { method: 'POST', body })

describe('startSandbox', () => {
  it('listens on loopback, serves modules on their paths and counts token requests apart', async () => {
    sandbox = await startSandbox({ modules: [echoModule()] })
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.credentials).toEqual({ echo: { key: 'echo-key' } })
    await post('/echo/token')
    const response = await post('/echo?q=1', '{"a":1}')
    expect(await response.json()).toEqual({ ok: true, query: '1' })
    expect(sandbox.control.counters('echo')).toEqual({ requests: { '/echo': 1 }, tokenRequests: 1 })
    expect([...sandbox.control.orders('echo').values()]).toEqual([{ a: 1 }])
    expect(
      sandbox.control.log('echo').map((entry) => [entry.endpoint, entry.kind, entry.status]),
    ).toEqual([
      ['/echo/token', 'token', 200],
      ['/echo', 'api', 200],
    ])
    expect((await post('/nowhere')).status).toBe(404)
  })

  it('injects a status, a body, a delay and a dropped connection, as many times as asked', async () => {
    sandbox = await startSandbox({ modules: [echoModule()] })
    const handle = sandbox.control.injectFault({
      platform: 'echo',
      endpoint: '/echo',
      action: { type: 'status', status: 503 },
      times: 2,
    })
    expect((await post('/echo')).status).toBe(503)
    expect((await post('/echo')).status).toBe(503)
    expect((await post('/echo')).status).toBe(200)
    expect(handle.applied).toBe(2)

    sandbox.control.injectFault({
      platform: 'echo',
      endpoint: '/echo',
      action: { type: 'body', body: { errcode: -1 } },
    })
    expect(await (await post('/echo')).json()).toEqual({ errcode: -1 })

    sandbox.control.injectFault({
      platform: 'echo',
      endpoint: '/echo',
      action: { type: 'delay', ms: 150 },
    })
    const startedAt = performance.now()
    expect((await post('/echo')).status).toBe(200)
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(140)

    sandbox.control.injectFault({ platform: 'echo', endpoint: '/echo', action: { type: 'drop' } })
    await expect(post('/echo')).rejects.toThrow()
    expect((await post('/echo')).status).toBe(200)
    expect(sandbox.control.log('echo').map((entry) => entry.fault ?? '-')).toEqual([
      'status',
      'status',
      '-',
      'body',
      'delay',
      'drop',
      '-',
    ])
  })

  it('applies a fault with a seeded probability: the same runs for the same seed', async () => {
    const runs: boolean[][] = []
    for (const _ of [1, 2]) {
      sandbox = await startSandbox({ modules: [echoModule()], seed: 42 })
      sandbox.control.injectFault({
        platform: 'echo',
        action: { type: 'status', status: 500 },
        times: Number.POSITIVE_INFINITY,
        probability: 0.3,
      })
      const failures: boolean[] = []
      for (let index = 0; index < 40; index += 1)
        failures.push((await post('/echo')).status === 500)
      runs.push(failures)
      await sandbox.close()
      sandbox = undefined
    }
    expect(runs[0]).toEqual(runs[1])
    const count = runs[0]?.filter(Boolean).length ?? 0
    expect(count).toBeGreaterThan(3)
    expect(count).toBeLessThan(25)
  })

  it('serves its state and takes faults over HTTP for the standalone command', async () => {
    sandbox = await startSandbox({ modules: [echoModule()] })
    await post('/echo', '{"id":"o-1"}')
    const injected = await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'echo',
        endpoint: '/echo',
        action: { type: 'status', status: 502 },
      }),
    })
    expect(injected.status).toBe(201)
    expect((await post('/echo')).status).toBe(502)
    const state = await (await fetch(`${sandbox.url}/_sandbox/state`)).json()
    expect(state).toEqual({
      echo: {
        orders: { '0': { id: 'o-1' } },
        counters: { requests: { '/echo': 2 }, tokenRequests: 0 },
      },
    })
  })

  it('resets orders, logs, counters and faults', async () => {
    sandbox = await startSandbox({ modules: [echoModule()] })
    await post('/echo')
    sandbox.control.injectFault({
      platform: 'echo',
      action: { type: 'status', status: 500 },
      times: 5,
    })
    sandbox.control.reset()
    expect((await post('/echo')).status).toBe(200)
    expect(sandbox.control.counters('echo').requests['/echo']).toBe(1)
  })

  it('refuses two modules claiming the same path, and bad faults', async () => {
    await expect(startSandbox({ modules: [echoModule('a'), echoModule('b')] })).rejects.toThrow(
      '[sandbox] POST /echo/token is claimed by both a and b',
    )
    sandbox = await startSandbox({ modules: [echoModule()] })
    expect(() =>
      sandbox?.control.injectFault({ platform: 'echo', action: { type: 'drop' }, probability: 2 }),
    ).toThrow('a fault probability is between 0 and 1')
  })

  it('answers 500 with the reason when a module throws', async () => {
    const broken: SandboxPlatformModule = {
      platform: 'broken',
      credentials: {},
      routes: [
        {
          method: 'POST',
          path: '/broken',
          kind: 'api',
          handle: () => {
            throw new Error('module bug')
          },
        },
      ],
    }
    sandbox = await startSandbox({ modules: [broken] })
    const response = await post('/broken')
    expect(response.status).toBe(500)
    expect(await response.json()).toEqual({ error: 'module bug' })
  })
})

describe('createSeededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = createSeededRandom(7)
    const b = createSeededRandom(7)
    const values = Array.from({ length: 1000 }, () => a())
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true)
    expect(createSeededRandom(8)()).not.toBe(createSeededRandom(7)())
  })
})
