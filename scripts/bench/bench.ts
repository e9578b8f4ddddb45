// ordersync's benchmark: prepare, sync, backfill and footprint per platform, every figure beside its
// floor measured in the same run, three repeats. Prints the table; a full run also writes
// docs/benchmarks.md. Never part of `npm test` (too long); `--quick` is a smoke run with small
// counts that the test suite runs so the bench cannot rot.
//
//   npm run bench                      # the full run (builds first), writes docs/benchmarks.md
//   npm run bench -- --quick           # small counts, prints only
//   flags: --sync-orders=N (10000) --backfill-orders=N (1000000) --iterations=N (2000)
//          --transport-calls=N (20000) --cli-orders=N (100000)
//          --only=prepare,sync,transport,telemetry,backfill,cli,footprint --no-write

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { benchBackfill } from './backfill-bench.ts'
import { type BenchRow, median, meetsTarget, ratios, repeats, startChild } from './bench-support.ts'
import { benchCli } from './cli-bench.ts'
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
const sections = (
  flag('only') ??
  (quick
    ? 'prepare,sync,transport,telemetry,backfill,cli'
    : 'prepare,sync,transport,telemetry,backfill,cli,footprint')
).split(',')
const write = !quick && !args.includes('--no-write')

const { platforms, skipped } = await discoverPlatforms()
for (const reason of skipped) process.stderr.write(`[bench] not benched: ${reason}\n`)
for (const platform of platforms.filter((candidate) => candidate.entry === undefined))
  process.stderr.write(
    `[bench] ${platform.packageName} has no entry in scripts/bench/bench-platforms.ts: benched on its descriptor (prepare on its makeOrder, syncOrders against the sandbox); it lacks the sync against the minimal server and the raw fetch loops' floors\n`,
  )
if (platforms.length === 0) throw new Error('[bench] no platform package was found')
const core = await loadPackage(join(root, 'packages', 'core'))
// The sandbox with every platform module, in its own process: prepare makes the clients of the
// platforms without a bench entry against it, and sync measures every platform against it.
const sandboxServer = await startChild(new URL('./sandbox-server.ts', import.meta.url).pathname, [])
const sandbox = JSON.parse(sandboxServer.firstLine) as {
  url: string
  credentials: Record<string, Record<string, string>>
}

const rows: BenchRow[] = []
const startedAt = performance.now()
const log = (message: string) =>
  process.stderr.write(
    `[bench] ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${message}\n`,
  )
if (sections.includes('prepare')) {
  log(`prepare: ${iterations} orders per repeat`)
  rows.push(...(await benchPrepare(platforms, core, sandbox, iterations)))
}
if (sections.includes('sync')) {
  log(`sync: ${syncOrders} orders per repeat`)
  rows.push(...(await benchSync(platforms, core, sandbox, syncOrders, 8)))
}
if (sections.includes('transport')) {
  log(`transport: ${transportCalls} calls per repeat`)
  rows.push(...(await benchTransport(core, transportCalls, 8)))
}
if (sections.includes('telemetry')) {
  log(`telemetry: ${transportCalls} calls per process`)
  rows.push(...(await benchTelemetry(transportCalls, 8)))
}
await sandboxServer.stop()
const benchesYoushu = platforms.some((platform) => platform.entry?.id === 'youshu')
if (sections.includes('backfill') && benchesYoushu) {
  log(`backfill: ${backfillOrders} orders per run`)
  rows.push(...(await benchBackfill(backfillOrders)))
}
if (sections.includes('cli') && benchesYoushu) {
  log(`cli: ordersync sync of ${cliOrders} orders per run`)
  rows.push(...(await benchCli(cliOrders)))
}
if (sections.includes('footprint')) {
  log(`footprint: packing, npm install of the tarballs and ${alipaySdk}`)
  rows.push(...(await benchFootprint(platforms)))
}

const figure = (value: number): string =>
  value >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value >= 10
      ? value.toFixed(1)
      : value.toFixed(2)
const ratioText = (value: number) => `${value.toFixed(2)}×`
const header = [
  'measure',
  'platform',
  `ordersync (${repeats} repeats)`,
  `floor (${repeats} repeats)`,
  'ratio (median)',
  'ratio spread',
  'target',
  'met',
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
  ]
})
const markdown = [
  `| ${header.join(' | ')} |`,
  `|${header.map(() => '---').join('|')}|`,
  ...table.map((cells) => `| ${cells.join(' | ')} |`),
].join('\n')
process.stdout.write(`${markdown}\n`)

if (write) {
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
  version window takes versions of ids it holds; its retained heap must stay flat too.
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
`
  // The hand-written reading of the figures (what stands in the way of a target) survives a run.
  const pageFile = join(root, 'docs', 'benchmarks.md')
  const notesHeading = '\n## Where the targets stand\n'
  const previous = existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : ''
  const notes = previous.includes(notesHeading)
    ? previous.slice(previous.indexOf(notesHeading))
    : ''
  writeFileSync(pageFile, page + notes)
  log('wrote docs/benchmarks.md')
}
