import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SandboxFaultSpecError } from './check-fault-spec.ts'
import { createDefaultSandboxModules } from './default-sandbox-modules.ts'
import type { FaultSpec, SandboxPlatformModule } from './sandbox-types.ts'
import { createSeededRandom } from './seeded-random.ts'
import { type Sandbox, startSandbox } from './start-sandbox.ts'

// The default modules' platforms, as createDefaultSandboxModules lists them: a module added there
// joins every expectation below.
const defaultPlatforms = createDefaultSandboxModules().map((module) => module.platform)

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

  it('serves the credentials each platform accepts under /_sandbox/credentials', async () => {
    sandbox = await startSandbox()
    const served = await (await fetch(`${sandbox.url}/_sandbox/credentials`)).json()
    expect(served).toEqual(JSON.parse(JSON.stringify(sandbox.credentials)))
    expect(Object.keys(served)).toEqual(defaultPlatforms)
    const wrongMethod = await fetch(`${sandbox.url}/_sandbox/credentials`, { method: 'POST' })
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET'])
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
    ).toThrow('[sandbox] invalid fault spec: probability must be between 0 and 1, got 2')
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

describe('startSandbox as a dependable stand-in', () => {
  it('serves every default module when given no options, with typed credentials', async () => {
    const started = await startSandbox()
    sandbox = started
    // Typed per platform: no `?? {}` and no cast needed.
    const youshu: { appId: string; appSecret: string; merchantId: string } =
      started.credentials.youshu
    const alipayplus: { clientId: string; privateKey: string } = started.credentials.alipayplus
    const baidu: { appKey: string; appSecret: string; paymentAppKey: string } =
      started.credentials.baidu
    const wechat: { appId: string; appSecret: string } = started.credentials.wechat
    const wixtar: { clientId: string; clientSecret: string } = started.credentials.wixtar
    expect(Object.keys(started.credentials).sort()).toEqual([...defaultPlatforms].sort())
    expect([baidu.appKey, wechat.appId, wixtar.clientId].every((id) => id.length > 0)).toBe(true)
    expect(youshu).toEqual({
      appId: 'bi-sandbox-app',
      appSecret: 'youshu-sandbox-secret-93c1',
      merchantId: '10001',
    })
    expect(alipayplus.clientId).toBe('SANDBOX_CLIENT_2022')
    const response = await post('/data-api/v1/data_source/add')
    expect(response.status).toBe(200)
    expect(started.control.counters('youshu').requests).toEqual({
      '/data-api/v1/data_source/add': 1,
    })
  })

  it('answers 413 to a body over maxBodyBytes, without reaching the module, and logs its size', async () => {
    sandbox = await startSandbox({ modules: [echoModule()], maxBodyBytes: 100 })
    expect((await post('/echo', 'x'.repeat(100))).status).toBe(200)
    const refused = await post('/echo', 'x'.repeat(101))
    expect(refused.status).toBe(413)
    expect(await refused.json()).toEqual({
      error: '[sandbox] the request body is 101 bytes, more than maxBodyBytes 100',
    })
    expect(sandbox.control.orders('echo').size).toBe(1)
    const last = sandbox.control.log('echo').at(-1)
    expect([last?.status, last?.body, last?.bodyBytes, last?.bodyTruncated]).toEqual([
      413,
      '',
      101,
      true,
    ])
    expect(
      (
        await fetch(`${sandbox.url}/_sandbox/faults`, {
          method: 'POST',
          body: 'x'.repeat(101),
        })
      ).status,
    ).toBe(413)
  })

  it('bounds the request log in bytes and entries, and cuts long bodies with a mark', async () => {
    sandbox = await startSandbox({
      modules: [echoModule()],
      maxLoggedBodyBytes: 10,
      maxLogBytes: 26,
      maxLogEntries: 100,
    })
    for (const body of ['"0123456789"', '"short"', '{"a":"xééééé"}', '"abcdefghijk"'])
      await post('/echo', body)
    expect(
      sandbox.control
        .log('echo')
        .map((entry) => [entry.body, entry.bodyBytes, entry.bodyTruncated]),
    ).toEqual([
      // The first ("012345678, 10 bytes kept) was dropped: 10 + 7 + 9 + 10 > 26.
      ['"short"', 7, false],
      // "é" is two bytes: the cut backs off to a whole character (9 bytes, not 10).
      ['{"a":"xé', 19, true],
      ['"abcdefghi', 13, true],
    ])
    expect(sandbox.control.counters('echo').requests['/echo']).toBe(4)

    await sandbox.close()
    sandbox = await startSandbox({ modules: [echoModule()], maxLogEntries: 2 })
    for (const body of ['1', '2', '3']) await post('/echo', body)
    expect(sandbox.control.log('echo').map((entry) => entry.body)).toEqual(['2', '3'])
  })

  it.each([
    [
      { platform: 'echo', action: {} },
      'action.type',
      'undefined is not a fault type (status, body, delay, drop)',
    ],
    [
      { platform: 'echo', action: { type: 'dorp' } },
      'action.type',
      '"dorp" is not a fault type (status, body, delay, drop)',
    ],
    [
      { platform: 'ecko', action: { type: 'drop' } },
      'platform',
      '"ecko" is not served by this sandbox (it serves echo)',
    ],
    [
      { platform: 'echo', endpoint: '/ech', action: { type: 'drop' } },
      'endpoint',
      '"/ech" is not a path of echo (its paths: /echo/token, /echo)',
    ],
    [
      { platform: 'echo', action: { type: 'status', code: 503 } },
      'action.code',
      'is not a field of a status fault (type, status, headers, body)',
    ],
    [
      { platform: 'echo', action: { type: 'status' } },
      'action.status',
      'is required for a status fault',
    ],
    [
      { platform: 'echo', action: { type: 'delay', ms: '5' } },
      'action.ms',
      'must be milliseconds 0 … 2³¹ − 1, got "5"',
    ],
    [
      { platform: 'echo', action: { type: 'drop' }, time: 3 },
      'time',
      'is not a field of a fault spec (platform, endpoint, action, times, probability)',
    ],
    [
      { platform: 'echo', action: { type: 'drop' }, times: 0 },
      'times',
      'must be a number > 0 (or Infinity), got 0',
    ],
    [{}, 'platform', 'is required: the name of a served platform'],
  ])(
    'refuses the fault spec %j, naming %s: 400 over HTTP, a typed error in code',
    async (spec, field, reason) => {
      sandbox = await startSandbox({ modules: [echoModule()] })
      const message = `[sandbox] invalid fault spec: ${field} ${reason}`
      const response = await fetch(`${sandbox.url}/_sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify(spec),
      })
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: message, field })
      let thrown: unknown
      try {
        sandbox.control.injectFault(spec as FaultSpec)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(SandboxFaultSpecError)
      expect([(thrown as SandboxFaultSpecError).field, (thrown as Error).message]).toEqual([
        field,
        message,
      ])
      // Nothing was injected.
      expect((await post('/echo')).status).toBe(200)
    },
  )

  it('answers 405 with Allow to a known path asked with another method', async () => {
    sandbox = await startSandbox({ modules: [echoModule()] })
    const wrong = await fetch(`${sandbox.url}/echo`)
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST'])
    expect(await wrong.json()).toEqual({ error: 'GET is not served on /echo; use POST' })
    const control = await fetch(`${sandbox.url}/_sandbox/state`, { method: 'POST' })
    expect([control.status, control.headers.get('allow')]).toEqual([405, 'GET'])
    expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404)
    expect(sandbox.control.counters('echo').requests).toEqual({})
  })
})

/** Runs the command until it has printed `lines` lines, then stops it; its output. */
async function runCommand(args: readonly string[], lines: number): Promise<string> {
  const child = spawn(process.execPath, [new URL('./cli.ts', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      if (stdout.split('\n').length > lines) resolve()
    })
    child.on('close', () => reject(new Error(`the command ended early: ${stdout}`)))
  })
  child.kill('SIGTERM')
  await new Promise((resolve) => child.on('close', resolve))
  return stdout
}

describe('the ordersync-sandbox command', () => {
  it('prints a readable summary: the URL, the platforms and where the credentials are', async () => {
    const output = await runCommand([], 5)
    const url = /^ordersync sandbox on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output)?.[1]
    expect(url).toBeDefined()
    expect(output).toBe(
      [
        `ordersync sandbox on ${url}`,
        `  platforms:   ${defaultPlatforms.join(', ')}`,
        `  credentials: ${url}/_sandbox/credentials (or start it with --json)`,
        `  state:       ${url}/_sandbox/state`,
        "Point a client's baseURL at the URL above. Stop with Ctrl-C.",
        '',
      ].join('\n'),
    )
    expect(output).not.toContain('PRIVATE KEY')
  })

  it('prints one JSON line with --json, for scripts', async () => {
    const output = await runCommand(['--json'], 1)
    const parsed = JSON.parse(output) as { url: string; platforms: string[]; credentials: object }
    expect(parsed.platforms).toEqual(defaultPlatforms)
    expect(Object.keys(parsed.credentials)).toEqual(parsed.platforms)
    expect(parsed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('says in one line that the port is in use, and exits 1', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    try {
      const child = spawn(
        process.execPath,
        [new URL('./cli.ts', import.meta.url).pathname, '--port', String(port)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
      })
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
      expect({ code, stdout, stderr }).toEqual({
        code: 1,
        stdout: '',
        stderr: `ordersync-sandbox: port ${port} is already in use on 127.0.0.1; stop what listens there or pass another --port (0 picks a free one)\n`,
      })
    } finally {
      await new Promise((resolve) => blocker.close(resolve))
    }
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
