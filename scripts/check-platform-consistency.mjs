#!/usr/bin/env node
// Every platform package has the same shape, so a user who knows one knows them all. A platform
// package is a published package other than core, the sandbox and the scale-out packages that
// exports a create<X> function (scripts/lib/workspace.mjs). For each, this checks:
//
// - the same files: README.md, CHANGELOG.md, src/index.ts, src/<p>-client.ts,
//   src/convert-to-<p>-order.ts, src/map-<p>-status.ts, src/<p>-errors.ts, src/fixtures.ts (its
//   document's example orders), src/testing.ts (its descriptor) and the guide docs/platforms/<p>.md;
// - the same export shape, read from the TypeDoc JSON (what the site documents): create<X>,
//   to<X>Order and map<X>Status functions and the settings type <X>Settings; the subpaths
//   `./fixtures` and `./testing`, which exports `platformDescriptor` (core's PlatformDescriptor,
//   what every check, the demo and the benchmark read about the platform);
// - the same common settings on <X>Settings (own or inherited): baseURL, fetch, retry, hooks;
// - the same package.json habits: ESM only, sideEffects false, engines.node >= 22, a dependency on
//   @ordersync/core (workspace:^), README.md and dist in `files`, a size budget, and the exports
//   `./fixtures` and `./testing` with their types.
//
// Usage: node scripts/check-platform-consistency.mjs docs/site/typedoc.json

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { platformFactoryName, platformPackages, root } from './lib/workspace.mjs'

const file = process.argv[2] ?? join(root, 'docs', 'site', 'typedoc.json')
const project = JSON.parse(readFileSync(file, 'utf8'))
const kindModule = 2
const kindVariable = 32
const kindFunction = 64
const settingsKinds = new Set([256, 2097152]) // interface, type alias
const commonSettings = ['baseURL', 'fetch', 'retry', 'hooks']

const problems = []
const platforms = platformPackages()
if (platforms.length === 0) problems.push('no platform package found under packages/')
for (const pkg of platforms) {
  const p = pkg.short
  const files = [
    'README.md',
    'CHANGELOG.md',
    'src/index.ts',
    `src/${p}-client.ts`,
    `src/convert-to-${p}-order.ts`,
    `src/map-${p}-status.ts`,
    `src/${p}-errors.ts`,
    'src/fixtures.ts',
    'src/testing.ts',
  ]
  for (const path of files) {
    if (!existsSync(join(pkg.dir, path))) problems.push(`${pkg.name}: no ${path}`)
  }
  if (!existsSync(join(root, 'docs', 'platforms', `${p}.md`))) {
    problems.push(`${pkg.name}: no guide docs/platforms/${p}.md`)
  }
  const factory = platformFactoryName(pkg)
  if (!factory) {
    problems.push(
      `${pkg.name}: src/index.ts exports no create<X> named after the package (create${p[0].toUpperCase()}${p.slice(1)}…)`,
    )
    continue
  }
  const x = factory.slice('create'.length)
  const module = project.children?.find((child) => child.name === pkg.name)
  if (!module) {
    problems.push(
      `${pkg.name} is not in the TypeDoc site: add "../packages/${p}" to docs/typedoc.json`,
    )
    continue
  }
  // A package with several entry points has one module per entry (index, fixtures, testing).
  const entries = (module.children ?? []).filter((child) => child.kind === kindModule)
  const entry = (name) => (entries.length === 0 ? module : entries.find((e) => e.name === name))
  const exportsOf = (name) =>
    new Map((entry(name)?.children ?? []).map((child) => [child.name, child]))
  const exported = exportsOf('index')
  if (exportsOf('testing').get('platformDescriptor')?.kind !== kindVariable) {
    problems.push(
      `${pkg.name}: src/testing.ts exports no platformDescriptor (core's PlatformDescriptor), or typedoc.json does not list src/testing.ts`,
    )
  }
  if (exportsOf('fixtures').size === 0) {
    problems.push(
      `${pkg.name}: src/fixtures.ts exports no document order, or typedoc.json does not list src/fixtures.ts`,
    )
  }
  for (const name of [factory, `to${x}Order`, `map${x}Status`]) {
    if (exported.get(name)?.kind !== kindFunction)
      problems.push(`${pkg.name}: exports no function ${name}`)
  }
  const settings = exported.get(`${x}Settings`)
  if (!settings || !settingsKinds.has(settings.kind)) {
    problems.push(`${pkg.name}: exports no settings type ${x}Settings`)
  } else {
    const members = new Set((settings.children ?? []).map((child) => child.name))
    const missing = commonSettings.filter((name) => !members.has(name))
    if (missing.length > 0)
      problems.push(
        `${pkg.name}: ${x}Settings has no ${missing.join(', ')} (the settings every client takes)`,
      )
  }

  const manifest = pkg.manifest
  if (manifest.type !== 'module') problems.push(`${pkg.name}: package.json needs "type": "module"`)
  if (manifest.sideEffects !== false)
    problems.push(`${pkg.name}: package.json needs "sideEffects": false`)
  if (manifest.engines?.node !== '>=22')
    problems.push(`${pkg.name}: package.json needs "engines": { "node": ">=22" }`)
  if (manifest.dependencies?.['@ordersync/core'] !== 'workspace:^') {
    problems.push(
      `${pkg.name}: package.json needs "@ordersync/core": "workspace:^" in dependencies`,
    )
  }
  for (const entry of ['README.md', 'dist']) {
    if (!(manifest.files ?? []).includes(entry))
      problems.push(`${pkg.name}: package.json "files" must list ${entry}`)
  }
  for (const subpath of ['./fixtures', './testing']) {
    const target = manifest.exports?.[subpath]
    if (typeof target?.types !== 'string' || typeof target?.default !== 'string')
      problems.push(
        `${pkg.name}: package.json "exports" needs "${subpath}" with "types" and "default" (and tsdown.config.ts its entry)`,
      )
  }
  if (typeof manifest.sizeBudget?.gzipKB !== 'number')
    problems.push(`${pkg.name}: package.json needs "sizeBudget": { "gzipKB": N }`)
}

if (problems.length > 0) {
  console.error(`[consistency] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[consistency] ${platforms.map((pkg) => pkg.name).join(', ')}: the same files, exports, subpaths and common settings`,
)
