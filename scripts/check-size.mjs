#!/usr/bin/env node
// Checks a package's size budget: what a bundler ships for a program that imports the package's
// entry function and `syncOrders` from @ordersync/core — `import { createYoushu } from
// '@ordersync/youshu'` — minified and gzipped, with core and every runtime dependency (zod, io-ts,
// fp-ts, ky, @noble/hashes) included, since the user's bundle carries them. Bundled with rolldown
// (tree-shaken, minified), for the browser unless the package says otherwise.
//
// The budget lives in the package's package.json:
//   "sizeBudget": { "gzipKB": 40 }                          platform packages: create<X> + syncOrders
//   "sizeBudget": { "gzipKB": 60, "imports": ["startSandbox"], "platform": "node" }
// `imports` (names from the package's entry) defaults to the package's create<X> function; core
// measures `syncOrders` alone.
//
// Run from the package directory after the build (its `lint:package` script does).
// Usage: node ../../scripts/check-size.mjs [--json]

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { rolldown } from 'rolldown'
import { platformFactoryName } from './lib/workspace.mjs'

const dir = resolve('.')
const manifest = JSON.parse(readFileSync('package.json', 'utf8'))
const budget = manifest.sizeBudget
if (typeof budget?.gzipKB !== 'number') {
  console.error(
    `[size] ${manifest.name} has no "sizeBudget": { "gzipKB": N } in package.json: measure it (this script prints the size) and set a budget a little above`,
  )
  process.exit(1)
}
const isCore = manifest.name === '@ordersync/core'
const imports =
  budget.imports ??
  (isCore ? [] : [platformFactoryName({ dir, short: basename(dir), manifest })].filter(Boolean))
if (!isCore && imports.length === 0) {
  console.error(
    `[size] ${manifest.name}: no create<X> export found in src/index.ts; name what to measure in "sizeBudget": { "imports": [...] }`,
  )
  process.exit(1)
}

// The entry sits in the package's node_modules so that `@ordersync/core` resolves as it would for
// a user: to the copy the package depends on.
const cacheDir = join(dir, 'node_modules', '.cache', 'ordersync-size')
mkdirSync(cacheDir, { recursive: true })
const entry = join(cacheDir, 'entry.mjs')
const self = '../../../dist/index.js'
const core = isCore ? self : '@ordersync/core'
const names = isCore ? ['syncOrders'] : [...imports, 'syncOrders']
writeFileSync(
  entry,
  [
    isCore ? '' : `import { ${imports.join(', ')} } from '${self}'`,
    `import { syncOrders } from '${core}'`,
    `globalThis.ordersyncSizeEntry = [${names.join(', ')}]`,
    '',
  ].join('\n'),
)

const bundle = await rolldown({
  input: entry,
  platform: budget.platform ?? 'browser',
  logLevel: 'silent',
})
const { output } = await bundle.generate({ format: 'esm', minify: true })
await bundle.close()
rmSync(cacheDir, { recursive: true, force: true })
const code = output
  .filter((chunk) => chunk.type === 'chunk')
  .map((chunk) => chunk.code)
  .join('\n')
const minKB = Buffer.byteLength(code) / 1024
const gzipKB = gzipSync(code, { level: 9 }).length / 1024
const result = { name: manifest.name, imports: names, minKB, gzipKB, budgetKB: budget.gzipKB }
if (process.argv.includes('--json')) console.log(JSON.stringify(result))
const line = `[size] ${manifest.name}: { ${names.join(', ')} } bundles to ${minKB.toFixed(1)} KB minified, ${gzipKB.toFixed(1)} KB min+gzip (budget ${budget.gzipKB} KB)`
if (gzipKB > budget.gzipKB) {
  console.error(`${line} — over budget`)
  process.exit(1)
}
console.log(line)
