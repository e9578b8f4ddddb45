import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openLedger } from './ledger/ledger.ts'
import { runOrdersync, workDirectory } from './test-support/run-ordersync.ts'
import { jsonLines, youshuOrder } from './test-support/sandbox-orders.ts'

const work = workDirectory()
afterAll(() => work.remove())
const cwd = work.path
writeFileSync(join(cwd, 'orders.jsonl'), jsonLines([youshuOrder(1), youshuOrder(2)]))

/** Runs the command and checks that it failed with one line on stderr and nothing on stdout. */
async function failure(
  args: readonly string[],
  directory = cwd,
): Promise<{ code: number | null; line: string }> {
  const result = await runOrdersync(args, { cwd: directory })
  expect(result.stdout).toBe('')
  expect(result.stderr.endsWith('\n')).toBe(true)
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
  return { code: result.code, line: result.stderr.trimEnd() }
}

describe('bad input: one line on stderr, a non-zero exit', () => {
  it('an unknown platform, listing the ones ordersync knows', async () => {
    for (const args of [
      ['sync', 'orders.jsonl', '--platform', 'yoshu', '--sandbox'],
      ['explain', 'orders.jsonl', '--id', 'youshu-order-1', '--platform', 'yoshu'],
    ]) {
      const { code, line } = await failure(args)
      expect(code).toBe(2)
      expect(line).toMatch(
        /^ordersync: unknown platform "yoshu": ordersync knows alipayplus, baidu, (.+, )?wechat, (.+, )?wixtar, youshu$/,
      )
    }
  })

  it('no configuration, saying what to write and how to try without one', async () => {
    const { code, line } = await failure(['sync', 'orders.jsonl', '--platform', 'youshu'])
    expect(code).toBe(2)
    expect(line).toBe(
      `ordersync: no configuration: none of ordersync.config.ts, ordersync.config.mts, ordersync.config.js, ordersync.config.mjs, ordersync.config.json in ${cwd}; write one (export default defineConfig({ platforms: … })) or pass --config <file>, or try it first against a local sandbox with --sandbox`,
    )
  })

  it('a configuration that does not parse, or holds a wrong value, naming where', async () => {
    const dir = workDirectory()
    try {
      writeFileSync(join(dir.path, 'orders.jsonl'), jsonLines([youshuOrder(1)]))
      writeFileSync(join(dir.path, 'ordersync.config.json'), '{ "platforms": ')
      expect((await failure(['sync', 'orders.jsonl'], dir.path)).line).toMatch(
        /^ordersync: cannot load ordersync\.config\.json: /,
      )
      writeFileSync(
        join(dir.path, 'ordersync.config.json'),
        '{ "platforms": { "youshu": { "env": { "appId": "not a variable" } } }, "concurrency": 0 }',
      )
      expect(await failure(['sync', 'orders.jsonl'], dir.path)).toEqual({
        code: 2,
        line: 'ordersync: ordersync.config.json: platforms.youshu.env.appId: must be the name of an environment variable',
      })
    } finally {
      dir.remove()
    }
  })

  it('a credential written in the configuration, never showing its value', async () => {
    const dir = workDirectory()
    try {
      writeFileSync(join(dir.path, 'orders.jsonl'), jsonLines([youshuOrder(1)]))
      writeFileSync(
        join(dir.path, 'ordersync.config.json'),
        '{"platforms":{"youshu":{"settings":{"environment":"test","appSecret":"x-written-secret","appId":"a","merchantId":"m"}}}}',
      )
      const refused = {
        code: 2,
        line: 'ordersync: ordersync.config.json: platforms.youshu.settings.appSecret is a credential: read it from an environment variable with "env": { "appSecret": "<VARIABLE>" }',
      }
      expect(await failure(['sync', 'orders.jsonl'], dir.path)).toEqual(refused)
      writeFileSync(
        join(dir.path, 'ordersync.config.json'),
        '{"platforms":{"alipayplus":{"settings":{"privateKey":"x-written-key"}}}}',
      )
      const { code, line } = await failure(['status'], dir.path)
      expect({ code, line }).toEqual({
        code: 2,
        line: 'ordersync: ordersync.config.json: platforms.alipayplus.settings.privateKey is a credential: read it from an environment variable with "env": { "privateKey": "<VARIABLE>" }',
      })
      expect(line).not.toContain('x-written')
    } finally {
      dir.remove()
    }
  })

  it('an input that cannot be read', async () => {
    expect(await failure(['sync', 'missing.jsonl', '--platform', 'youshu', '--sandbox'])).toEqual({
      code: 2,
      line: 'ordersync: cannot read missing.jsonl: no such file',
    })
    writeFileSync(join(cwd, 'broken.json'), '[{"id": 1},')
    expect(await failure(['explain', 'broken.json'])).toEqual({
      code: 2,
      line: 'ordersync: broken.json is not valid JSON at line 1, column 12: it ends too early',
    })
  })

  it('a ledger that is not readable, or not a ledger', async () => {
    writeFileSync(join(cwd, 'garbage.sqlite'), 'not a database\n'.repeat(100))
    expect(
      await failure([
        'sync',
        'orders.jsonl',
        '--platform',
        'youshu',
        '--sandbox',
        '--ledger',
        'garbage.sqlite',
      ]),
    ).toEqual({
      code: 2,
      line: `ordersync: cannot read the ledger ${join(cwd, 'garbage.sqlite')} (file is not a database): check the file, or pass another --ledger <file>`,
    })
    expect((await failure(['status', '--ledger', 'garbage.sqlite'])).code).toBe(2)
    expect(await failure(['status', '--ledger', 'none.sqlite'])).toEqual({
      code: 2,
      line: `ordersync: no ledger at ${join(cwd, 'none.sqlite')}: run \`ordersync sync\` first, or pass --ledger <file>`,
    })
  })

  it('a ledger written by a newer version', async () => {
    const path = join(cwd, 'newer.sqlite')
    openLedger({ path }).close()
    const raw = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
    raw.exec("PRAGMA user_version = 2; UPDATE ledger_meta SET value = '@ordersync/cli 3.1.0'")
    raw.close()
    const { code, line } = await failure([
      'sync',
      'orders.jsonl',
      '--platform',
      'youshu',
      '--sandbox',
      '--ledger',
      'newer.sqlite',
    ])
    expect(code).toBe(2)
    expect(line).toBe(
      `ordersync: ${path} was written by a newer version (@ordersync/cli 3.1.0, ledger format 2); @ordersync/cli 0.0.0 reads format 1: upgrade @ordersync/cli`,
    )
  })

  it('arguments the command does not take', async () => {
    expect(await failure(['sync', 'orders.jsonl', '--platfrom', 'youshu'])).toEqual({
      code: 2,
      line: "ordersync: unknown option '--platfrom' (Did you mean --platform?)",
    })
    expect(await failure(['sync', 'orders.jsonl', '--concurrency', 'many', '--sandbox'])).toEqual({
      code: 2,
      line: "ordersync: option '--concurrency <n>' argument 'many' is invalid. must be a whole number of at least 1",
    })
    expect(
      await failure(['sync', 'orders.jsonl', '--sandbox', '--sandbox-url', 'http://127.0.0.1:9']),
    ).toEqual({
      code: 2,
      line: 'ordersync: --sandbox starts a sandbox and --sandbox-url uses a running one: pass one of them',
    })
    expect(
      (
        await failure([
          'sync',
          'orders.jsonl',
          '--platform',
          'youshu',
          '--sandbox',
          '--retry-from',
          'nope.jsonl',
        ])
      ).line,
    ).toBe('ordersync: cannot read nope.jsonl: no such file')
  })

  it('a file passed to --retry-from that is not a results file: an orders file, or a line of another shape', async () => {
    const retry = (from: string) =>
      failure(['sync', 'orders.jsonl', '--platform', 'youshu', '--sandbox', '--retry-from', from])
    expect(await retry('orders.jsonl')).toEqual({
      code: 2,
      line: 'ordersync: orders.jsonl: line 1 is not a result line (pass the file --out wrote)',
    })
    writeFileSync(
      join(cwd, 'odd-results.jsonl'),
      [
        '{"platform":"youshu","line":1,"position":0,"id":"youshu-order-1","version":null,"outcome":"failed"}',
        '{"platform":"youshu","id":"youshu-order-2","outcome":"lost"}',
      ].join('\n'),
    )
    expect(await retry('odd-results.jsonl')).toEqual({
      code: 2,
      line: 'ordersync: odd-results.jsonl: line 2 is not a result line (pass the file --out wrote)',
    })
  })

  it('no command: the usage on stderr, and 2 (1 says that some order failed)', async () => {
    for (const args of [[], ['ledger']]) {
      const result = await runOrdersync(args, { cwd })
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      expect(result.stderr).toMatch(/^Usage: ordersync /)
    }
    expect((await runOrdersync(['--help'], { cwd })).code).toBe(0)
  })
})
