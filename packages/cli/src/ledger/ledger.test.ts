import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import {
  createMemoryVersionStore,
  type StoredVersion,
  type VersionRepair,
  type VersionStore,
} from '@ordersync/core'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { cliUnderTest } from '../test-support/cli-under-test.ts'
import { type Ledger, openLedger } from './ledger.ts'
import { LedgerError } from './ledger-error.ts'

const work = mkdtempSync(join(tmpdir(), 'ordersync-ledger-test-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let files = 0
/** The first line a stream writes. */
function firstLineOf(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')))
    })
    stream.once('error', reject)
  })
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const freshFile = (): string => {
  files += 1
  return join(work, `ledger-${files}.sqlite`)
}

const version = (orderId: string, modifiedAt: number | undefined, mark = 0): StoredVersion => ({
  modifiedAt,
  prepared: { orderId, payload: { modifiedAt, mark }, warnings: [] },
})

// One step of a random history of sends: a claim of a version of one of three orders, the
// settlement of one of the claims in flight (confirmed or not, with a request in doubt or not), or
// time passing.
type Step =
  | {
      readonly kind: 'claim'
      readonly order: number
      readonly modifiedAt: number
      readonly via: number
    }
  | {
      readonly kind: 'settle'
      readonly pick: number
      readonly confirmed: boolean
      readonly doubtMs: number | undefined
      readonly overtakes: boolean
    }
  | { readonly kind: 'wait'; readonly ms: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('claim' as const),
    order: fc.integer({ min: 0, max: 2 }),
    modifiedAt: fc.integer({ min: 1, max: 4 }),
    via: fc.integer({ min: 0, max: 1 }),
  }),
  fc.record({
    kind: fc.constant('settle' as const),
    pick: fc.nat(),
    confirmed: fc.boolean(),
    doubtMs: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), {
      nil: undefined,
    }),
    overtakes: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 30 }) }),
)

const repairShape = (repair: VersionRepair | undefined) =>
  repair === undefined
    ? undefined
    : { at: repair.at, modifiedAt: repair.version.modifiedAt, prepared: repair.version.prepared }

/**
 * Runs a history against core's memory store and against the ledger (through one or two handles
 * on one file, as two processes would share it) and returns each store's answers, which must be
 * the same: the ledger is the memory store's rules, kept in a file.
 */
async function replay(steps: readonly Step[], ledgers: readonly VersionStore[]) {
  const memory = createMemoryVersionStore({ rememberHolds: false, maxOrders: 1_000 })
  const inFlight: { key: string; memoryClaim: string; ledgerClaim: string; via: number }[] = []
  const memoryAnswers: unknown[] = []
  const ledgerAnswers: unknown[] = []
  let now = 1_000
  for (const [position, each] of steps.entries()) {
    if (each.kind === 'wait') {
      now += each.ms
      continue
    }
    if (each.kind === 'claim') {
      const key = `youshu:order-${each.order}`
      const sent = version(`order-${each.order}`, each.modifiedAt, position)
      const store = ledgers[each.via % ledgers.length] as VersionStore
      const [byMemory, byLedger] = [
        await memory.claim(key, sent, now),
        await store.claim(key, sent, now),
      ]
      memoryAnswers.push(byMemory.state === 'stale' ? byMemory : { state: 'send' })
      ledgerAnswers.push(byLedger.state === 'stale' ? byLedger : { state: 'send' })
      if (byMemory.state === 'send' && byLedger.state === 'send') {
        inFlight.push({
          key,
          memoryClaim: byMemory.claim,
          ledgerClaim: byLedger.claim,
          via: each.via,
        })
      }
      continue
    }
    if (inFlight.length === 0) continue
    const [claim] = inFlight.splice(each.pick % inFlight.length, 1)
    if (claim === undefined) continue
    const settlement = {
      confirmed: each.confirmed,
      inDoubtUntil: each.doubtMs === undefined ? undefined : now + each.doubtMs,
      overtakes: each.overtakes,
    }
    const store = ledgers[claim.via % ledgers.length] as VersionStore
    memoryAnswers.push(
      repairShape(await memory.settle(claim.key, claim.memoryClaim, settlement, now)),
    )
    ledgerAnswers.push(
      repairShape(await store.settle(claim.key, claim.ledgerClaim, settlement, now)),
    )
  }
  return { memoryAnswers, ledgerAnswers }
}

describe('the ledger as a version store', () => {
  it('answers every claim and settlement as core’s memory store does (random histories)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const ledger = openLedger({ path: ':memory:' })
        try {
          const { memoryAnswers, ledgerAnswers } = await replay(steps, [ledger])
          expect(ledgerAnswers).toEqual(memoryAnswers)
        } finally {
          ledger.close()
        }
      }),
      { numRuns: 300 },
    )
  })

  it('answers the same when two processes share the file (two handles, claims interleaved)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const path = freshFile()
        const first = openLedger({ path })
        const second = openLedger({ path })
        try {
          const { memoryAnswers, ledgerAnswers } = await replay(steps, [first, second])
          expect(ledgerAnswers).toEqual(memoryAnswers)
        } finally {
          first.close()
          second.close()
        }
      }),
      { numRuns: 60 },
    )
  })

  it('repairs a send claimed at the very moment an earlier doubt ends, as the memory store does', async () => {
    // claim, in doubt until now, claimed again at once, confirmed: the memory store resends
    // nothing; a rule off by one moment would repair.
    const steps: Step[] = [
      { kind: 'claim', order: 0, modifiedAt: 1, via: 0 },
      { kind: 'settle', pick: 0, confirmed: false, doubtMs: 0, overtakes: false },
      { kind: 'claim', order: 0, modifiedAt: 1, via: 0 },
      { kind: 'settle', pick: 0, confirmed: true, doubtMs: undefined, overtakes: false },
      { kind: 'claim', order: 1, modifiedAt: 2, via: 0 },
      { kind: 'settle', pick: 0, confirmed: false, doubtMs: 5, overtakes: false },
      { kind: 'wait', ms: 3 },
      { kind: 'claim', order: 1, modifiedAt: 2, via: 0 },
      { kind: 'settle', pick: 0, confirmed: true, doubtMs: undefined, overtakes: false },
    ]
    const ledger = openLedger({ path: ':memory:' })
    const { memoryAnswers, ledgerAnswers } = await replay(steps, [ledger])
    ledger.close()
    expect(memoryAnswers[3]).toBeUndefined()
    expect(memoryAnswers[7]).toMatchObject({ at: 1005, modifiedAt: 2 })
    expect(ledgerAnswers).toEqual(memoryAnswers)
  })

  it('refuses, after a restart, a version older than one an earlier process claimed', async () => {
    const path = freshFile()
    const before = openLedger({ path })
    const claim = await before.claim('youshu:o-1', version('o-1', 20), 1)
    if (claim.state !== 'send') throw new Error('expected a claim')
    await before.settle(
      'youshu:o-1',
      claim.claim,
      { confirmed: true, inDoubtUntil: undefined, overtakes: false },
      2,
    )
    before.close()
    const after = openLedger({ path })
    expect(await after.claim('youshu:o-1', version('o-1', 10), 3)).toEqual({
      state: 'stale',
      newest: 20,
    })
    expect(after.entry('youshu', 'o-1')).toMatchObject({
      outcome: 'succeeded',
      delivered: { modifiedAt: 20 },
      newestModifiedAt: 20,
      inFlight: 0,
    })
    after.close()
  })
})

describe('the outcome of the last send', () => {
  it('keeps a known platform copy when a later failure sent nothing; records a failure of an order never delivered', async () => {
    const path = freshFile()
    const ledger = openLedger({ path, versionDigest: () => 'digest' })
    const claim = await ledger.claim('youshu:delivered', version('delivered', 5), 1)
    if (claim.state !== 'send') throw new Error('expected a claim')
    await ledger.settle(
      'youshu:delivered',
      claim.claim,
      { confirmed: true, inDoubtUntil: undefined, overtakes: false },
      2,
    )
    const invalid = {
      outcome: 'failed',
      delivery: 'not_sent',
      errorCode: 'invalid',
      errorMessage: 'order is invalid',
    } as const
    ledger.recordFailure('youshu', 'delivered', invalid)
    ledger.recordFailure('youshu', 'never-sent', invalid)
    ledger.close()
    const reopened = openLedger({ path, readOnly: true })
    expect(reopened.entry('youshu', 'delivered')).toMatchObject({
      outcome: 'succeeded',
      delivered: { modifiedAt: 5, digest: 'digest' },
      delivery: undefined,
      errorCode: undefined,
    })
    expect(reopened.entry('youshu', 'never-sent')).toMatchObject({
      outcome: 'failed',
      delivered: undefined,
      delivery: 'not_sent',
      errorCode: 'invalid',
    })
    expect(reopened.counts()).toEqual([
      { platform: 'youshu', outcome: 'failed', orders: 1, delivered: 0 },
      { platform: 'youshu', outcome: 'succeeded', orders: 1, delivered: 1 },
    ])
    reopened.close()
  })
})

describe('a run that died', () => {
  it('leaves its claims in flight; the next ledger opened takes them over as uncertain', async () => {
    const path = freshFile()
    const dying = openLedger({ path, versionDigest: () => 'digest' })
    const claims = await Promise.all(
      ['a', 'b', 'c'].map((id) => dying.claim(`youshu:${id}`, version(id, 5), Date.now())),
    )
    const [first] = claims
    if (first?.state !== 'send') throw new Error('expected a claim')
    await dying.settle(
      'youshu:a',
      first.claim,
      { confirmed: true, inDoubtUntil: undefined, overtakes: false },
      Date.now(),
    )
    // What a SIGKILL leaves: the rows as committed, the run never ended. Its process id is taken
    // for one that no longer runs by rewriting the run's record.
    const raw = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
    raw.prepare('UPDATE ledger_runs SET pid = 2147483646').run()
    raw.close()
    const resumed = openLedger({ path, lateArrivalMs: 0 })
    expect(resumed.takeover).toMatchObject({ orders: 2, byPlatform: { youshu: 2 } })
    expect(resumed.entry('youshu', 'a')).toMatchObject({
      outcome: 'succeeded',
      delivered: { digest: 'digest' },
    })
    expect(resumed.entry('youshu', 'b')).toMatchObject({
      outcome: 'uncertain',
      delivered: undefined,
      inFlight: 0,
    })
    expect(resumed.counts()).toEqual([
      { platform: 'youshu', outcome: 'succeeded', orders: 1, delivered: 1 },
      { platform: 'youshu', outcome: 'uncertain', orders: 2, delivered: 0 },
    ])
    resumed.close()
    // The dying handle's own file handle is closed last; its late writes change nothing taken over.
    dying.close()
  })
})

describe('runs opening one new ledger at the same moment', () => {
  it('each waits for the others instead of being refused as locked', async () => {
    const path = join(work, 'opened-at-once.sqlite')
    const entry = pathToFileURL(join(cliUnderTest.directory, 'dist', 'index.js')).href
    const script = `import { openLedger } from ${JSON.stringify(entry)}
const ledger = openLedger({ path: ${JSON.stringify(path)} })
await ledger.claim('youshu:o-' + process.pid, { modifiedAt: 1, prepared: { orderId: 'o', payload: null, warnings: [] } }, Date.now())
ledger.close()`
    const runs = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--input-type=module', '-e', script], {
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    )
    const ends = await Promise.all(
      runs.map(
        (child) =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            let stderr = ''
            child.stderr?.on('data', (chunk: Buffer) => {
              stderr += chunk.toString()
            })
            child.once('exit', (code) => resolve({ code, stderr }))
          }),
      ),
    )
    expect(ends).toEqual(runs.map(() => ({ code: 0, stderr: '' })))
    const ledger = openLedger({ path })
    expect(ledger.counts()).toEqual([
      { platform: 'youshu', outcome: 'in_flight', orders: 4, delivered: 0 },
    ])
    ledger.close()
  })
})

describe('a run killed under a parent that does not collect it', () => {
  it.runIf(process.platform === 'linux')(
    'is taken for dead though its process id still answers (a zombie)',
    async () => {
      // A shell starts a child that ends in 0.2 s, then becomes `sleep` (exec), which never waits
      // for children: the child stays a zombie until the test ends its parent.
      const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
      try {
        const zombie = Number(await firstLineOf(parent.stdout))
        await until(() => readFileSync(`/proc/${zombie}/stat`, 'utf8').includes(') Z '))
        const path = freshFile()
        const dying = openLedger({ path })
        await dying.claim('youshu:z', version('z', 5), Date.now())
        const raw = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
        raw.prepare('UPDATE ledger_runs SET pid = ?').run(zombie)
        raw.close()
        const resumed = openLedger({ path, lateArrivalMs: 0 })
        expect(resumed.takeover).toMatchObject({ orders: 1, runs: [{ pid: zombie }] })
        resumed.close()
        dying.close()
      } finally {
        parent.kill('SIGKILL')
      }
    },
  )
})

describe('a ledger that cannot be used', () => {
  const message = (open: () => Ledger): string => {
    try {
      open().close()
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError)
      return (error as Error).message
    }
    throw new Error('expected a LedgerError')
  }

  it('names a file that is not a database', () => {
    const path = freshFile()
    writeFileSync(
      path,
      'this is not a database, it is a text file long enough to have a header\n'.repeat(20),
    )
    expect(message(() => openLedger({ path }))).toBe(
      `cannot read the ledger ${path} (file is not a database): check the file, or pass another --ledger <file>`,
    )
  })

  it('refuses another SQLite file rather than writing into it', () => {
    const path = freshFile()
    const other = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
    other.exec('CREATE TABLE invoices (id TEXT)')
    other.close()
    expect(message(() => openLedger({ path }))).toBe(
      `${path} is an SQLite file but not an ordersync ledger: pass another --ledger <file>`,
    )
  })

  it('refuses a ledger written by a newer version, naming both', () => {
    const path = freshFile()
    openLedger({ path }).close()
    const raw = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(path)
    raw.exec("PRAGMA user_version = 7; UPDATE ledger_meta SET value = '@ordersync/cli 9.0.0'")
    raw.close()
    expect(message(() => openLedger({ path }))).toMatch(
      new RegExp(
        `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was written by a newer version \\(@ordersync/cli 9\\.0\\.0, ledger format 7\\); @ordersync/cli \\S+ reads format 1: upgrade @ordersync/cli$`,
      ),
    )
  })

  it('says there is no ledger yet when asked to read a missing file', () => {
    const path = join(work, 'missing.sqlite')
    expect(message(() => openLedger({ path, readOnly: true }))).toBe(
      `no ledger at ${path}: run \`ordersync sync\` first, or pass --ledger <file>`,
    )
  })
})
