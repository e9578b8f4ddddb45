#!/usr/bin/env node
// Install only what you need: packs every published package (`pnpm pack`, which turns workspace:
// ranges into versions), then, for every platform package, installs its tarball with core's into
// an empty folder with plain `npm install` and runs a small program that syncs one order to the
// sandbox, on this Node and on the minimum supported Node (22): the client and the order come from
// the package's own descriptor (`@ordersync/<platform>/testing`), as installed. Asserts that:
//
// - no other @ordersync package is installed (no other platform, not the sandbox);
// - no installed package.json holds a `workspace:` range;
// - the order went through (one success, no failure, the sandbox counted the call);
// - Getting started's first program, copied verbatim into a new ESM project, prints its result;
// - beside an application's own in-range zod and ky, one copy of each is installed and it works.
//
// Our packages come from the tarballs only: the @ordersync scope points at a closed port, so any
// attempt to fetch one from a registry fails. zod, io-ts, ky, … come from the registry or npm's
// cache (shared by every install). The sandbox is installed once, in a folder of its own.
//
// Usage: node scripts/test-install-alone.mjs

import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ensureMinimumNode } from './lib/minimum-node.mjs'
import { platformPackages, publishedPackages, root, testingEntry } from './lib/workspace.mjs'

const started = Date.now()
const work = mkdtempSync(join(tmpdir(), 'ordersync-install-alone-'))
const problems = []

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    )
  }
  return result.stdout
}

// pnpm: on PATH (the toolchain puts it there).
const pnpm = (args, cwd) => run(process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm', args, { cwd })
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const npmInstall = (cwd) =>
  run(
    npm,
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      '--@ordersync:registry=http://127.0.0.1:9/',
    ],
    { cwd },
  )

// 1. Pack every published package.
const tarballs = new Map()
for (const pkg of publishedPackages()) {
  const destination = join(work, 'tarballs', pkg.short)
  mkdirSync(destination, { recursive: true })
  pnpm(['pack', '--pack-destination', destination], pkg.dir)
  const [file] = readdirSync(destination).filter((name) => name.endsWith('.tgz'))
  if (!file) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`)
  tarballs.set(pkg.name, join(destination, file))
}
const packedMs = Date.now() - started

function project(dir, names, own = {}) {
  mkdirSync(dir, { recursive: true })
  const dependencies = {
    ...own,
    ...Object.fromEntries(names.map((name) => [name, `file:${tarballs.get(name)}`])),
  }
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'ordersync-install-alone',
        private: true,
        type: 'module',
        dependencies,
        // Every copy of core, also the platform package's own dependency, is the tarball.
        overrides: { '@ordersync/core': '$@ordersync/core' },
      },
      null,
      2,
    )}\n`,
  )
}

function installedManifests(dir) {
  const found = []
  const walk = (modules) => {
    if (!existsSync(modules)) return
    for (const name of readdirSync(modules)) {
      if (name.startsWith('.')) continue
      const paths = name.startsWith('@')
        ? readdirSync(join(modules, name)).map((inner) => join(modules, name, inner))
        : [join(modules, name)]
      for (const path of paths) {
        const manifest = join(path, 'package.json')
        if (existsSync(manifest))
          found.push({ path, manifest: JSON.parse(readFileSync(manifest, 'utf8')) })
        walk(join(path, 'node_modules'))
      }
    }
  }
  walk(join(dir, 'node_modules'))
  return found
}

function checkInstalled(dir, expected, label) {
  const manifests = installedManifests(dir)
  const ours = manifests
    .map((entry) => entry.manifest.name)
    .filter((name) => name?.startsWith('@ordersync/'))
  const unexpected = [...new Set(ours)].filter((name) => !expected.includes(name))
  if (unexpected.length > 0)
    problems.push(`${label}: installing it also installed ${unexpected.join(', ')}`)
  for (const name of expected) {
    if (!ours.includes(name)) problems.push(`${label}: ${name} is not installed`)
  }
  for (const { path, manifest } of manifests) {
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (String(range).startsWith('workspace:')) {
          problems.push(
            `${label}: ${path.slice(dir.length + 1)}/package.json has ${field}.${name} "${range}"`,
          )
        }
      }
    }
  }
  return manifests.length
}

/**
 * The program that syncs one order of `pkg` to the sandbox and prints what came of it: the client
 * and the order come from the package's own descriptor (`${pkg.name}/testing`), as installed.
 */
function writeSyncProgram(dir, pkg) {
  writeFileSync(
    join(dir, 'sync-one.mjs'),
    [
      `import * as core from '@ordersync/core'`,
      `import { platformDescriptor } from '${pkg.name}/testing'`,
      `import { createDefaultSandboxModules, startSandbox } from '${sandboxEntry}'`,
      '',
      'const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })',
      'try {',
      '  const platform = platformDescriptor.createClient(sandbox)',
      '  const report = await core.syncOrders({ platform, orders: [platformDescriptor.makeOrder(1)] })',
      '  const requests = Object.values(sandbox.control.counters(platformDescriptor.id).requests).reduce((a, b) => a + b, 0)',
      '  const failure = report.results.find((result) => result.status === "failed")',
      '  console.log(JSON.stringify({ succeeded: report.succeeded, failed: report.failed, requests, error: failure?.error?.message }))',
      '} finally {',
      '  await sandbox.close()',
      '}',
      '',
    ].join('\n'),
  )
}

/** Runs the sync program with `node`; a problem when it did not sync exactly one order. */
function runSyncProgram(dir, node, label) {
  const result = spawnSync(node, ['sync-one.mjs'], { cwd: dir, encoding: 'utf8' })
  const line = result.stdout.trim().split('\n').pop() ?? ''
  let outcome
  try {
    outcome = JSON.parse(line)
  } catch {
    problems.push(
      `${label}: the program failed (exit ${result.status}): ${result.stderr.slice(0, 800)}`,
    )
    return false
  }
  if (outcome.succeeded !== 1 || outcome.failed !== 0 || outcome.requests < 1) {
    problems.push(`${label}: ${line}`)
  }
  return true
}

// 2. The sandbox, alone in its folder.
const sandboxDir = join(work, 'sandbox')
project(sandboxDir, ['@ordersync/core', '@ordersync/sandbox'])
let t0 = Date.now()
npmInstall(sandboxDir)
checkInstalled(sandboxDir, ['@ordersync/core', '@ordersync/sandbox'], '@ordersync/sandbox')
const sandboxEntry = pathToFileURL(
  join(sandboxDir, 'node_modules', '@ordersync', 'sandbox', 'dist', 'index.js'),
).href
console.log(
  `[install-alone] packed ${tarballs.size} packages in ${(packedMs / 1000).toFixed(1)} s; sandbox installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
)

const node22 = ensureMinimumNode()

// 3. Every platform, alone.
for (const pkg of platformPackages()) {
  if (testingEntry(pkg) === undefined) {
    problems.push(
      `${pkg.name}: export "./testing" (src/testing.ts: its platformDescriptor, core's PlatformDescriptor), as the other platforms do`,
    )
    continue
  }
  const dir = join(work, pkg.short)
  project(dir, ['@ordersync/core', pkg.name])
  t0 = Date.now()
  npmInstall(dir)
  const installMs = Date.now() - t0
  const count = checkInstalled(dir, ['@ordersync/core', pkg.name], pkg.name)
  writeSyncProgram(dir, pkg)
  const timings = [`installed ${count} packages in ${(installMs / 1000).toFixed(1)} s`]
  for (const [label, node] of [
    [`Node ${process.versions.node}`, process.execPath],
    [`Node ${node22.version}`, node22.path],
  ]) {
    t0 = Date.now()
    if (!runSyncProgram(dir, node, `${pkg.name} on ${label}`)) continue
    timings.push(`synced on ${label} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  }
  console.log(`[install-alone] ${pkg.name}: ${timings.join(', ')}`)
}

// 4. Getting started, copied verbatim: its `// first-sync.ts` block in a new ESM project that has
// what the guide says to install, run as the guide says (`node first-sync.ts`), on both Nodes.
const guide = readFileSync(join(root, 'docs', 'guides', 'getting-started.md'), 'utf8')
const firstSync = /```ts\n(\/\/ first-sync\.ts\n[\s\S]*?)```/.exec(guide)?.[1]
if (firstSync === undefined) {
  problems.push('getting started: no ```ts block that starts with "// first-sync.ts"')
} else {
  const dir = join(work, 'getting-started')
  project(dir, ['@ordersync/core', '@ordersync/youshu', '@ordersync/sandbox'])
  npmInstall(dir)
  writeFileSync(join(dir, 'first-sync.ts'), firstSync)
  for (const [label, node] of [
    [`Node ${process.versions.node}`, process.execPath],
    [`Node ${node22.version}`, node22.path],
  ]) {
    const result = spawnSync(node, ['first-sync.ts'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    })
    if (result.status !== 0 || !result.stdout.includes('1 succeeded, 0 failed')) {
      problems.push(
        `getting started's first-sync.ts on ${label} (exit ${result.status}): ${result.stdout.trim()} ${result.stderr.slice(0, 800)}`,
      )
    }
  }
  console.log(
    `[install-alone] getting started's first-sync.ts, copied verbatim, syncs on both Nodes`,
  )
}

// 5. Beside the application's own copies of the runtime dependencies: the packages take ranges, so
// an application's in-range zod or ky (here an older patch of zod 4.6, a newer minor of ky 2) is
// the one copy installed, and the platform works with it.
{
  const own = { zod: '4.6.0', ky: '2.2.0' }
  const platform = platformPackages().find((pkg) => pkg.short === 'youshu')
  const dir = join(work, 'beside-own-dependencies')
  project(dir, ['@ordersync/core', platform.name], own)
  npmInstall(dir)
  for (const [name, version] of Object.entries(own)) {
    const copies = installedManifests(dir).filter((entry) => entry.manifest.name === name)
    const versions = copies.map((entry) => entry.manifest.version)
    if (versions.length !== 1 || versions[0] !== version) {
      problems.push(
        `beside the application's ${name}@${version}: ${versions.length} copies installed (${versions.join(', ')}); the packages' range must accept the application's version`,
      )
    }
  }
  writeSyncProgram(dir, platform)
  runSyncProgram(dir, process.execPath, `${platform.name} beside zod@${own.zod} and ky@${own.ky}`)
  console.log(
    `[install-alone] ${platform.name} with the application's zod@${own.zod} and ky@${own.ky}: one copy of each, and it syncs`,
  )
}

if (problems.length > 0) {
  console.error(
    `[install-alone] ${problems.length} problems (work folder kept: ${work}):\n  ${problems.join('\n  ')}`,
  )
  process.exit(1)
}
rmSync(work, { recursive: true, force: true })
console.log(
  `[install-alone] every platform installs alone and syncs (${platformPackages().length} platforms, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
