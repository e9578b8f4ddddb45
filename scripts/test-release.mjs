#!/usr/bin/env node
// Releases: runs `changeset version` in scratch copies of the workspace (every package.json,
// pnpm-workspace.yaml and .changeset/) and asserts what it does:
//
// 1. with the changesets pending in the repository, it succeeds and bumps every package they name
//    by the largest bump named, and no other package (besides dependents, see 3);
// 2. with one patch changeset for one platform package alone, only that package changes version;
// 3. with one minor changeset for core alone, core gets the minor bump and every published package
//    that depends on core gets a patch bump with its range on core still satisfied by the new
//    version (`updateInternalDependencies: "patch"` in .changeset/config.json); private packages
//    never change version.
//
// Usage: node scripts/test-release.mjs

import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import parseChangeset from '@changesets/parse'
import { platformPackages, publishedPackages, root } from './lib/workspace.mjs'

const problems = []
const cli = join(root, 'node_modules', '@changesets', 'cli', 'bin.js')
const groups = ['packages', 'apps'].filter((group) => existsSync(join(root, group)))

function manifestsOf(dir) {
  const found = new Map()
  for (const group of groups) {
    for (const name of readdirSync(join(dir, group))) {
      const file = join(dir, group, name, 'package.json')
      if (existsSync(file)) {
        const manifest = JSON.parse(readFileSync(file, 'utf8'))
        found.set(manifest.name, manifest)
      }
    }
  }
  return found
}

const before = manifestsOf(root)

/** A scratch copy with the given changesets (name → text); returns the manifests after `version`. */
function version(label, changesets) {
  const dir = mkdtempSync(join(tmpdir(), 'ordersync-release-'))
  try {
    for (const file of ['package.json', 'pnpm-workspace.yaml'])
      cpSync(join(root, file), join(dir, file))
    mkdirSync(join(dir, '.changeset'))
    for (const file of ['config.json', 'README.md']) {
      cpSync(join(root, '.changeset', file), join(dir, '.changeset', file))
    }
    for (const [name, text] of Object.entries(changesets))
      writeFileSync(join(dir, '.changeset', name), text)
    for (const group of groups) {
      for (const name of readdirSync(join(root, group))) {
        const file = join(root, group, name, 'package.json')
        if (!existsSync(file)) continue
        mkdirSync(join(dir, group, name), { recursive: true })
        cpSync(file, join(dir, group, name, 'package.json'))
      }
    }
    // The changelog generator is resolved from the scratch copy.
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    const result = spawnSync(process.execPath, [cli, 'version'], { cwd: dir, encoding: 'utf8' })
    if (result.status !== 0) {
      problems.push(
        `${label}: changeset version failed (exit ${result.status}): ${result.stderr || result.stdout}`,
      )
      return undefined
    }
    const remaining = readdirSync(join(dir, '.changeset')).filter(
      (name) => name.endsWith('.md') && name !== 'README.md',
    )
    if (remaining.length > 0)
      problems.push(`${label}: changesets left unconsumed: ${remaining.join(', ')}`)
    return manifestsOf(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const order = ['patch', 'minor', 'major']
function bump(versionText, type) {
  const [major, minor, patch] = versionText.split('.').map(Number)
  if (type === 'major') return `${major + 1}.0.0`
  if (type === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

function satisfiesCaret(range, versionText) {
  const base = range.replace(/^workspace:/, '')
  if (base === '^' || base === '*' || base === '~') return true // the workspace version, whatever it is
  const match = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(base)
  if (!match) return false
  const [major, minor, patch] = match.slice(1).map(Number)
  const [vMajor, vMinor, vPatch] = versionText.split('.').map(Number)
  if (major > 0)
    return vMajor === major && (vMinor > minor || (vMinor === minor && vPatch >= patch))
  if (minor > 0) return vMajor === 0 && vMinor === minor && vPatch >= patch
  return vMajor === 0 && vMinor === 0 && vPatch === patch
}

function changedVersions(after) {
  return [...after]
    .filter(([name, manifest]) => before.get(name)?.version !== manifest.version)
    .map(([name]) => name)
}

const published = publishedPackages()
const dependentsOfCore = published
  .filter((pkg) => pkg.manifest.dependencies?.['@ordersync/core'] !== undefined)
  .map((pkg) => pkg.name)

// 1. The pending changesets.
const pending = Object.fromEntries(
  readdirSync(join(root, '.changeset'))
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .map((name) => [name, readFileSync(join(root, '.changeset', name), 'utf8')]),
)
const wanted = new Map()
for (const text of Object.values(pending)) {
  for (const release of parseChangeset(text).releases) {
    const previous = wanted.get(release.name)
    if (!previous || order.indexOf(release.type) > order.indexOf(previous))
      wanted.set(release.name, release.type)
  }
}
const afterPending = version('the pending changesets', pending)
if (afterPending) {
  for (const [name, type] of wanted) {
    const expected = bump(before.get(name).version, type)
    if (afterPending.get(name)?.version !== expected) {
      problems.push(
        `pending changesets: ${name} is ${afterPending.get(name)?.version}, expected ${expected} (${type})`,
      )
    }
  }
  for (const name of changedVersions(afterPending)) {
    if (!wanted.has(name) && !dependentsOfCore.includes(name)) {
      problems.push(`pending changesets: ${name} changed version though no changeset names it`)
    }
  }
  console.log(
    `[release] the ${Object.keys(pending).length} pending changesets version ${wanted.size} packages`,
  )
}

// 2. A patch for one platform alone.
const platform = platformPackages()[0]
if (!platform) problems.push('no platform package found')
else {
  const after = version(`a patch of ${platform.name}`, {
    'release-check.md': `---\n"${platform.name}": patch\n---\n\nA fix.\n`,
  })
  if (after) {
    const changed = changedVersions(after)
    const expected = bump(before.get(platform.name).version, 'patch')
    if (
      changed.length !== 1 ||
      changed[0] !== platform.name ||
      after.get(platform.name).version !== expected
    ) {
      problems.push(
        `a patch of ${platform.name} changed ${changed.map((name) => `${name} → ${after.get(name).version}`).join(', ') || 'nothing'}; expected ${platform.name} → ${expected} alone`,
      )
    } else {
      console.log(
        `[release] a patch of ${platform.name} versions it alone (${before.get(platform.name).version} → ${expected})`,
      )
    }
  }
}

// 3. A minor change to core.
const coreName = '@ordersync/core'
const afterCore = version('a minor change to core', {
  'release-check.md': `---\n"${coreName}": minor\n---\n\nA feature.\n`,
})
if (afterCore) {
  const coreVersion = bump(before.get(coreName).version, 'minor')
  if (afterCore.get(coreName).version !== coreVersion) {
    problems.push(
      `a minor change to core: core is ${afterCore.get(coreName).version}, expected ${coreVersion}`,
    )
  }
  for (const name of dependentsOfCore) {
    const manifest = afterCore.get(name)
    const expected = bump(before.get(name).version, 'patch')
    if (manifest.version !== expected) {
      problems.push(
        `a minor change to core: ${name} is ${manifest.version}, expected ${expected} (a patch for its dependency)`,
      )
    }
    const range = manifest.dependencies[coreName]
    if (!satisfiesCaret(range, coreVersion)) {
      problems.push(
        `a minor change to core: ${name} depends on core "${range}", which ${coreVersion} does not satisfy`,
      )
    }
  }
  for (const name of changedVersions(afterCore)) {
    if (name !== coreName && !dependentsOfCore.includes(name)) {
      problems.push(
        `a minor change to core: ${name} changed version though it does not depend on core`,
      )
    }
    if (before.get(name)?.private)
      problems.push(`a minor change to core: private ${name} changed version`)
  }
  console.log(
    `[release] a minor change to core: core → ${coreVersion}, ${dependentsOfCore.length} dependents patched, ranges satisfied`,
  )
}

if (problems.length > 0) {
  console.error(`[release] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[release] changeset version bumps only what changed (${relative(root, join(root, '.changeset', 'config.json'))}, ${basename(cli)})`,
)
