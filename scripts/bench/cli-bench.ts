// The command line's backfill: `ordersync sync orders.jsonl` (the real bin, with its ledger, its
// results file and its plain progress lines) sending N Youshu orders to the sandbox, beside
// syncOrders called directly on the same file (read line by line, parsed, the same client,
// concurrency 8) — each in its own process, the sandbox in a third. Three repeats, taking turns.
// The ratio is the command's throughput over the direct call's, from start to exit; the peak RSS
// is each process's high-water mark (VmHWM).
//
// This file is also the direct call's process: `node cli-bench.ts direct <orders.jsonl> <sandbox
// JSON>` (so the bench has no file that only a spawn names).

import { type ChildProcess, spawn } from 'node:child_process'
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { OrderSyncPlatformV1, PlatformDescriptor } from '@ordersync/core'
import { type BenchRow, repeats, startChild } from './bench-support.ts'
import { loadPackage, root } from './discover-platforms.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const cliBin = join(root, 'packages', 'cli', 'bin', 'ordersync.js')
const concurrency = 8

interface Run {
  readonly ordersPerSecond: number
  readonly peakRssMb: number
  /** User and system CPU time per order, in microseconds. */
  readonly cpuMicrosPerOrder: number
}

async function youshuDescriptor(): Promise<PlatformDescriptor> {
  const testing = await loadPackage(join(root, 'packages', 'youshu'), 'testing.js')
  return testing.platformDescriptor as PlatformDescriptor
}

/** The high-water mark of a process's resident set (Linux), in MB; NaN elsewhere. */
function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
    return kb === undefined ? Number.NaN : Number(kb) / 1024
  } catch {
    return Number.NaN
  }
}

/** A process's user + system CPU time so far (Linux), in seconds; NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    // The fields after the command's name (which may hold spaces): utime and stime, in ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return Number.NaN
  }
}

/**
 * Runs a process to its end; its wall time, its peak RSS and CPU time as last sampled (every
 * 50 ms, so within 50 ms of its end), its stdout.
 */
function measure(
  args: readonly string[],
): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; stdout: string }> {
  const started = performance.now()
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  let peak = Number.NaN
  let cpu = Number.NaN
  const timer = setInterval(() => {
    const sample = peakRss(child.pid ?? 0)
    if (!Number.isNaN(sample)) peak = sample
    const used = cpuSeconds(child.pid ?? 0)
    if (!Number.isNaN(used)) cpu = used
  }, 50)
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(timer)
      const seconds = (performance.now() - started) / 1000
      if (code !== 0)
        reject(new Error(`[bench] ${args.slice(0, 3).join(' ')} exited ${code}: ${stdout}`))
      else resolve({ seconds, peakRssMb: peak, cpuSeconds: cpu, stdout })
    })
  })
}

const runOf = (
  orders: number,
  run: { seconds: number; peakRssMb: number; cpuSeconds: number },
): Run => ({
  ordersPerSecond: orders / run.seconds,
  peakRssMb: run.peakRssMb,
  cpuMicrosPerOrder: (run.cpuSeconds * 1_000_000) / orders,
})

async function runCli(orders: number, file: string, url: string, work: string): Promise<Run> {
  const ledger = join(work, 'ledger.sqlite')
  rmSync(ledger, { force: true })
  rmSync(`${ledger}-wal`, { force: true })
  rmSync(`${ledger}-shm`, { force: true })
  const args = [
    cliBin,
    'sync',
    file,
    '--platform',
    'youshu',
    '--sandbox-url',
    url,
    '--ledger',
    ledger,
  ]
  args.push(
    '--out',
    join(work, 'results.jsonl'),
    '--concurrency',
    String(concurrency),
    '--progress-interval',
    '3600',
    '--json',
  )
  const run = await measure(args)
  const report = JSON.parse(run.stdout) as { succeeded: number }
  if (report.succeeded !== orders)
    throw new Error(`[bench] the command synced ${report.succeeded} of ${orders}`)
  return runOf(orders, run)
}

async function runDirect(orders: number, file: string, sandbox: string): Promise<Run> {
  const run = await measure([fileURLToPath(import.meta.url), 'direct', file, sandbox])
  const report = JSON.parse(run.stdout) as { succeeded: number }
  if (report.succeeded !== orders)
    throw new Error(`[bench] syncOrders synced ${report.succeeded} of ${orders}`)
  return runOf(orders, run)
}

/** The bench's rows, or none (and why, on stderr) when the command is not built. */
export async function benchCli(orders: number): Promise<BenchRow[]> {
  if (!existsSync(join(root, 'packages', 'cli', 'dist', 'cli.js'))) {
    process.stderr.write(
      '[bench] not benched: @ordersync/cli is not built (npm run bench builds it)\n',
    )
    return []
  }
  const descriptor = await youshuDescriptor()
  const work = mkdtempSync(join(tmpdir(), 'ordersync-cli-bench-'))
  const file = join(work, 'orders.jsonl')
  const lines: string[] = []
  for (let index = 1; index <= orders; index += 1)
    lines.push(JSON.stringify(descriptor.makeOrder(index)))
  writeFileSync(file, `${lines.join('\n')}\n`)
  lines.length = 0
  const server = await startChild(join(here, 'sandbox-server.ts'), [])
  const { url } = JSON.parse(server.firstLine) as { url: string }
  const cli: Run[] = []
  const direct: Run[] = []
  try {
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      if (repeat % 2 === 0) {
        direct.push(await runDirect(orders, file, server.firstLine))
        cli.push(await runCli(orders, file, url, work))
      } else {
        cli.push(await runCli(orders, file, url, work))
        direct.push(await runDirect(orders, file, server.firstLine))
      }
    }
  } finally {
    await server.stop()
    rmSync(work, { recursive: true, force: true })
  }
  const all = orders.toLocaleString('en-US')
  const common = {
    section: 'cli',
    platform: '@ordersync/youshu',
    floorName:
      'syncOrders called directly on the same file (readline + JSON.parse), its own process',
  }
  return [
    {
      ...common,
      measure: `ordersync sync: ${all} orders to the sandbox (ledger, --out), start to exit, throughput`,
      unit: 'orders/s',
      ours: cli.map((run) => run.ordersPerSecond),
      floor: direct.map((run) => run.ordersPerSecond),
      better: 'higher',
      target: 0.9,
    },
    {
      ...common,
      measure: `ordersync sync: ${all} orders to the sandbox, CPU (user + system) per order`,
      unit: 'µs',
      ours: cli.map((run) => run.cpuMicrosPerOrder),
      floor: direct.map((run) => run.cpuMicrosPerOrder),
      better: 'lower',
    },
    {
      ...common,
      measure: `ordersync sync: ${all} orders to the sandbox, peak RSS`,
      unit: 'MB',
      ours: cli.map((run) => run.peakRssMb),
      floor: direct.map((run) => run.peakRssMb),
      better: 'lower',
    },
  ]
}

/** The direct call: syncOrders on the file's orders, as a program would write it. */
async function direct(file: string, sandboxJson: string): Promise<void> {
  const core = await loadPackage(join(root, 'packages', 'core'))
  const descriptor = await youshuDescriptor()
  const sandbox = JSON.parse(sandboxJson) as {
    url: string
    credentials: Record<string, Record<string, string>>
  }
  const syncOrders = core.syncOrders as (options: {
    platform: OrderSyncPlatformV1<unknown>
    orders: AsyncIterable<unknown>
    concurrency: number
    keepResults: 'none'
  }) => Promise<{ succeeded: number }>
  async function* orders(): AsyncGenerator<unknown> {
    for await (const line of createInterface({
      input: createReadStream(file),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (line.trim() !== '') yield JSON.parse(line)
    }
  }
  const report = await syncOrders({
    platform: descriptor.createClient(sandbox),
    orders: orders(),
    concurrency,
    keepResults: 'none',
  })
  process.stdout.write(`${JSON.stringify({ succeeded: report.succeeded })}\n`)
}

if (
  process.argv[1] !== undefined &&
  pathToFileURL(process.argv[1]).href === import.meta.url &&
  process.argv[2] === 'direct'
) {
  await direct(process.argv[3] ?? '', process.argv[4] ?? '{}')
  process.exit(0)
}
