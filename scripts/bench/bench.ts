// ordersync's benchmark: prepare, sync, client CPU, throughput at a realistic latency, backfill and
// footprint per platform, every figure beside its floor measured in the same run, three repeats,
// each row with the machine's 1-minute load while it was measured. Prints the table; a full run
// also writes docs/benchmarks.md. Never part of `npm test` (too long); `--quick` is a smoke run
// with small counts that the test suite runs so the bench cannot rot.
//
//   npm run bench                      # the full run (builds first), writes docs/benchmarks.md
//   npm run bench -- --quick           # small counts, prints only
//   flags: --sync-orders=N (10000) --backfill-orders=N (1000000) --iterations=N (2000)
//          --transport-calls=N (20000) --cli-orders=N (100000)
//          --cpu-orders=N (2000): orders per loop of the client CPU measure
//          --latency-ms=N (50): the server's delay in the latency measure
//          --latency-seconds=S (3): how long each loop of the latency measure starts orders
//          --latency-concurrency=8,32 (8,32)
//          --only=prepare,sync,transport,telemetry,cpu,latency,backfill,cli,footprint
//          --platforms=alipayplus,youshu (platform ids; every platform by default) --no-write
//          --busy=N: N processes spin beside the run (a busy machine on purpose); its table goes to
//            the page's section "A run on a busy machine", and the rest of the page stays
//
//   node scripts/bench/bench.ts --only=cpu --platforms=youshu --no-write
//     # the client's CPU per order for one platform, three repeats, in about 10 s; one loop by
//     # hand, with a profile of where its CPU goes (see sync-client.ts):
//   node --expose-gc scripts/bench/sync-client.ts --platform=youshu --loops=sync --profile=sync.cpuprofile

import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { benchBackfill } from './backfill-bench.ts'
import {
  type BenchRow,
  type LoadSpan,
  median,
  meetsTarget,
  oneMinuteLoad,
  ratios,
  repeats,
  startChild,
  withLoad,
} from './bench-support.ts'
import { benchCli } from './cli-bench.ts'
import { benchClientCpu, benchLatency } from './client-bench.ts'
import { discoverPlatforms, loadPackage, root } from './discover-platforms.ts'
import { alipaySdk, benchFootprint } from './footprint-bench.ts'
import { benchPrepare } from './prepare-bench.ts'
import { benchSync } from './sync-bench.ts'
import { benchTelemetry } from './telemetry-bench.ts'
import { benchTransport } from './transport-bench.ts'

const args = process.argv.slice(2)
const flag = (name: string): string | undefined =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3)
const quick = args.includes('--quick')
const number = (name: string, full: number, small: number) =>
  Number(flag(name) ?? (quick ? small : full))
const syncOrders = number('sync-orders', 10_000, 50)
const backfillOrders = number('backfill-orders', 1_000_000, 300)
const iterations = number('iterations', 2_000, 20)
const transportCalls = number('transport-calls', 20_000, 200)
const cliOrders = number('cli-orders', 100_000, 300)
const cpuOrders = number('cpu-orders', 2_000, 40)
const latency = {
  latencyMs: number('latency-ms', 50, 10),
  seconds: number('latency-seconds', 3, 0.2),
  concurrencies: (flag('latency-concurrency') ?? (quick ? '8' : '8,32')).split(',').map(Number),
}
const sections = (
  flag('only') ??
  (quick
    ? 'prepare,sync,transport,telemetry,cpu,latency,backfill,cli'
    : 'prepare,sync,transport,telemetry,cpu,latency,backfill,cli,footprint')
).split(',')
const write = !quick && !args.includes('--no-write')
const platformIds = flag('platforms')?.split(',')

const busy = number('busy', 0, 0)
// The page's sections that a run keeps: the busy run's table, and the hand-written reading of the
// figures (what stands in the way of a target).
const busyHeading = '\n## A run on a busy machine\n'
const notesHeading = '\n## Where the targets stand\n'
// The machine's 1-minute load before the bench adds its own processes to it.
const loadBefore = oneMinuteLoad()
const spinners = startSpinners(busy)
const discovered = await discoverPlatforms()
const { skipped } = discovered
const platforms = discovered.platforms.filter(
  (platform) => platformIds === undefined || platformIds.includes(platform.descriptor.id),
)
for (const reason of skipped) process.stderr.write(`[bench] not benched: ${reason}\n`)
for (const platform of platforms.filter((candidate) => candidate.entry === undefined))
  process.stderr.write(
    `[bench] ${platform.packageName} has no entry in scripts/bench/bench-platforms.ts: benched on its descriptor (prepare on its makeOrder, syncOrders against the sandbox); it lacks the sync against the minimal server, the client CPU and latency measures and the raw fetch loops' floors\n`,
  )
if (platforms.length === 0) throw new Error('[bench] no platform package was found')
const core = await loadPackage(join(root, 'packages', 'core'))
// The sandbox with every platform module, in its own process: prepare makes the clients of the
// platforms without a bench entry against it, and sync measures every platform against it.
const sandboxServer =
  sections.includes('prepare') || sections.includes('sync')
    ? await startChild(new URL('./sandbox-server.ts', import.meta.url).pathname, [])
    : undefined
const sandbox = JSON.parse(sandboxServer?.firstLine ?? '{"url":"","credentials":{}}') as {
  url: string
  credentials: Record<string, Record<string, string>>
}

const rows: BenchRow[] = []
const startedAt = performance.now()
const log = (message: string) =>
  process.stderr.write(
    `[bench] ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${message}\n`,
  )
/** Runs a section when it was asked for; its rows get the load at its start and end, if they lack one. */
const section = async (name: string, message: string, measure: () => Promise<BenchRow[]>) => {
  if (!sections.includes(name)) return
  log(`${name}: ${message}`)
  rows.push(...(await withLoad(measure)))
}
await section('prepare', `${iterations} orders per repeat`, () =>
  benchPrepare(platforms, core, sandbox, iterations),
)
await section('sync', `${syncOrders} orders per repeat`, () =>
  benchSync(platforms, core, sandbox, syncOrders, 8),
)
await section('transport', `${transportCalls} calls per repeat`, () =>
  benchTransport(core, transportCalls, 8),
)
await section('telemetry', `${transportCalls} calls per process`, () =>
  benchTelemetry(transportCalls, 8),
)
await sandboxServer?.stop()
await section('cpu', `${cpuOrders} orders per loop`, () => benchClientCpu(platforms, cpuOrders, 8))
await section(
  'latency',
  `${latency.seconds} s per loop, ${latency.latencyMs} ms per answer, concurrency ${latency.concurrencies.join(' and ')}`,
  () => benchLatency(platforms, latency),
)
const benchesYoushu = platforms.some((platform) => platform.entry?.id === 'youshu')
if (benchesYoushu) {
  await section('backfill', `${backfillOrders} orders per run`, () => benchBackfill(backfillOrders))
  await section('cli', `ordersync sync of ${cliOrders} orders per run`, () => benchCli(cliOrders))
}
await section('footprint', `packing, npm install of the tarballs and ${alipaySdk}`, () =>
  benchFootprint(platforms),
)

const figure = (value: number): string =>
  value >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value >= 10
      ? value.toFixed(1)
      : value.toFixed(2)
const ratioText = (value: number) => `${value.toFixed(2)}×`
const loadText = (load: LoadSpan | undefined) =>
  load === undefined ? '' : `${load.start.toFixed(1)} → ${load.end.toFixed(1)}`
const header = [
  'measure',
  'platform',
  `ordersync (${repeats} repeats)`,
  `floor (${repeats} repeats)`,
  'ratio (median)',
  'ratio spread',
  'target',
  'met',
  'load (1 min)',
]
const table = rows.map((row) => {
  const each = ratios(row)
  const met = meetsTarget(row)
  // A row without a floor (a platform the bench has no raw loop for) has no ratio.
  const floored = row.floor.length > 0
  return [
    row.measure,
    row.platform.replace('@ordersync/', ''),
    `${row.ours.map(figure).join(' / ')} ${row.unit}`,
    floored ? `${row.floor.map(figure).join(' / ')} ${row.unit} — ${row.floorName}` : row.floorName,
    floored ? ratioText(median(each)) : '',
    floored ? `${ratioText(Math.min(...each))}–${ratioText(Math.max(...each))}` : '',
    row.target === undefined ? '' : `${row.better === 'lower' ? '≤' : '≥'} ${row.target}×`,
    met === undefined ? '' : met ? 'yes' : 'no',
    loadText(row.load),
  ]
})
const markdown = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...table.map((cells) => `| ${cells.join(' | ')} |`),
].join('\n')
process.stdout.write(`${markdown}\n`)

/** The machine's state by its 1-minute load: idle under 1, busy over 3. */
const machineState = (load: number) =>
  load < 1 ? 'idle' : load > 3 ? 'busy' : 'neither idle nor busy'

spinners.stop()

if (write && busy > 0) {
  writeBusySection(busySection(rows))
} else if (write) {
  const loads = rows.flatMap((row) =>
    row.load === undefined ? [] : [row.load.start, row.load.end],
  )
  const loadLine = `${loadBefore.toFixed(2)} when the run started: ${machineState(loadBefore)} (idle: under 1, busy: over 3); ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} while it ran, the bench's own client and server counting in it`
  const cpu = cpus()
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GB, ${process.platform} ${process.arch}, Node ${process.versions.node}`
  const command = `npm run bench${args.length === 0 ? '' : ` -- ${args.join(' ')}`}`
  // The front matter puts the page in the site's Guides group (check-site-links wants one).
  const page = `---
title: Benchmarks
group: Guides
---

# Benchmarks

What ordersync costs beside the floor of each measure, measured side by side in one run. Every
figure has three repeats; the ratio is ordersync over its floor in the same repeat, the spread is
the lowest and highest of the three.

- Machine: ${machine}
- Date: ${new Date().toISOString()}
- Command: \`${command}\` (from the repository root; \`pnpm bench\` is the same)
- Load (1-minute average): ${loadLine}

${markdown}

## What each measure is

- **prepare**: a 10-line order with two item discounts and an order discount. The full user path
  is \`validateOrder\` + the client's \`prepare\` + \`JSON.stringify\` of the body; prepare alone
  runs on an order validated once. The floor is \`JSON.stringify\` of the same payload.
- **sync**: \`syncOrders\` with the orders as input (each validated and prepared on the way),
  against a raw \`fetch\` loop that posts the same bodies (prepared before its clock starts,
  stringified and signed per request with the package's own signer) with the same concurrency.
  The servers run in their own processes: a minimal one that only answers success, and the
  sandbox (which checks every field, stores the orders and, for Alipay+, signs its answers, which
  both loops verify).
- **cpu**: the CPU time (user + system, \`process.cpuUsage()\`) per order of the client's own
  process, the minimal server in another: \`syncOrders\` (its orders from a generator, each a
  copy under an id of its own of one of 1,000 made before the clock starts) beside the raw
  \`fetch\` loop posting the same bodies in the same batches (prepared before the clock starts),
  concurrency 8. The second row's floor is the raw loop validating and preparing each order on the
  way, so that the difference is what \`syncOrders\`' own machinery (transport, ky, version gate,
  batching) costs per order. The loops take turns in one process per repeat, each after a warm-up
  of all of them, the heap collected before each and its young generation after it, on the clock.
- **latency**: orders per second when the minimal server answers each request after a fixed delay
  (as a platform across the internet would), \`syncOrders\` beside the same raw loop, at each
  concurrency; each loop starts orders for a few seconds and then waits for those in flight. With
  the client waiting most of the time, what \`syncOrders\` adds should disappear; where it does
  not, the client's CPU is the bottleneck (for a batch platform at concurrency 32, 32 batches of 50
  orders every 50 ms would be 32,000 orders a second to validate, prepare and send).
- **transport**: the CPU time (user + system) per call of core's \`createTransport(...).send(...)\`
  against ky called directly with the same options (\`ky(url, options).text()\`: the retry limit,
  methods and timeout the transport gives ky, without its hooks), posting the same body to the
  minimal server (\`{"code":0}\`), the same number of calls, 8 in flight, the two loops taking
  turns in rounds. What the transport adds on top of ky — classification, delivery bookkeeping,
  its hooks — should be close to nothing.
- **backfill**: Youshu orders from an async generator through \`syncOrders\` (batches of 50,
  8 in flight, \`keepResults: 'none'\`) to the minimal server, the client alone in its process,
  RSS and heap sampled each second (the heap after a full collection), beside a raw loop that
  reads the same generator, validates and prepares each order with the same functions and posts
  the batches with \`fetch\`. "Flat" compares the retained heap in the last sample taken while
  the run was still going with the one at a tenth of the orders. A second run sends as many
  versions of 1,000 orders (each newer than the last, as a change stream would), so that a full
  version window takes versions of ids it holds; its retained heap must stay flat too. Each run
  also samples its retained heap (after a full collection) as the generator hands out the last
  order of each tenth of the run: the "each tenth" rows name the medians of the ten samples and
  compare the highest one after the version window is full (100,000 ids, \`syncOrders\`' default)
  with the one when it filled.
- **cli**: \`ordersync sync orders.jsonl --platform youshu --sandbox-url … --ledger … --out …\`
  (the package's bin, its SQLite ledger as the version store, a results line per order, plain
  progress lines) against \`syncOrders\` called directly on the same file (read line by line and
  parsed, the Youshu descriptor's client, the same concurrency, \`keepResults: 'none'\`), each in
  its own process from start to exit, the sandbox with every platform in a third; the peak RSS is
  each process's high-water mark (VmHWM).
- **footprint**: \`pnpm pack\` of core and the platform, \`npm install\` of the two tarballs into a
  scratch folder; the bundle is esbuild's minified output for
  \`export { createX } from '@ordersync/x'; export { syncOrders } from '@ordersync/core'\`,
  gzipped; cold import is \`await import()\` in a fresh Node process. The peer is ${alipaySdk},
  installed with npm into its own scratch folder in the same run.
- **load (1 min)**: the machine's 1-minute load average (\`os.loadavg()[0]\`) when the row's
  measure started → when it ended (a damped average over the last minute): per platform in the
  sync and cpu sections, per platform and concurrency in latency, per section elsewhere. The bench itself keeps about two processes runnable; a load well
  above that means other work shared the ${cpu.length} cores, and the row's absolute figures moved
  with it (its ratios, taken inside one repeat, less so).
`
  const pageFile = join(root, 'docs', 'benchmarks.md')
  const previous = existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : ''
  const kept = [busyHeading, notesHeading].map((heading) => sectionOf(previous, heading)).join('')
  writeFileSync(pageFile, page + kept)
  log('wrote docs/benchmarks.md')
}

/** The page's section under `heading`, up to the next `## ` heading; empty without one. */
function sectionOf(page: string, heading: string): string {
  const start = page.indexOf(heading)
  if (start < 0) return ''
  const next = page.indexOf('\n## ', start + heading.length)
  return page.slice(start, next < 0 ? undefined : next)
}

/** The table of a run beside `busy` spinning processes, with the machine's load. */
function busySection(measured: readonly BenchRow[]): string {
  const loads = measured.flatMap((row) =>
    row.load === undefined ? [] : [row.load.start, row.load.end],
  )
  return `${busyHeading}
The same bench with ${busy} processes spinning beside it (\`npm run bench -- ${args.join(' ')}\`), on
${new Date().toISOString()}: the 1-minute load was ${loadBefore.toFixed(2)} when it started and
${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} while it ran (busy: over 3). The
client shares its cores with them, as it would on a busy application server.

${markdown}
`
}

/** Puts the busy run's section in the page, replacing an earlier one, before the notes. */
function writeBusySection(section: string): void {
  const pageFile = join(root, 'docs', 'benchmarks.md')
  const page = readFileSync(pageFile, 'utf8')
  const old = sectionOf(page, busyHeading)
  const withoutOld = old === '' ? page : page.replace(old, '')
  const notesAt = withoutOld.indexOf(notesHeading)
  const next =
    notesAt < 0
      ? `${withoutOld.trimEnd()}\n${section}`
      : `${withoutOld.slice(0, notesAt)}${section}${withoutOld.slice(notesAt)}`
  writeFileSync(pageFile, next)
  log('wrote the busy run to docs/benchmarks.md')
}

/** `count` processes that spin until stopped: a busy machine on purpose. */
function startSpinners(count: number): { stop: () => void } {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  )
  const stop = () => {
    for (const child of children) child.kill('SIGKILL')
  }
  // A run that throws, or is interrupted, still stops them.
  process.once('exit', stop)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop()
      process.exit(130)
    })
  }
  return { stop }
}
