#!/usr/bin/env node
// Checks of the repository's text that need no build. Fails (exit 1) listing every problem:
//
// 1. Every changeset in .changeset/ parses as `changeset version` reads it (@changesets/parse),
//    names only published workspace packages, and uses a bump of major, minor or patch.
// 2. No tracked Markdown file has a mangled front matter: `---`, a blank line and a `## key: …`
//    heading (what a Markdown formatter makes of front matter), and Biome never formats Markdown.
// 3. The repository stands alone: no tracked file (the lockfile aside) refers to the documents that
//    lived beside it while it was written — the shared folder, the platforms' protocol-facts file,
//    the specs folder, the design and conventions documents. State the fact where it is needed, and
//    cite the platform's public documentation (title, section, URL).
// 4. Every published package is a devDependency of the root (workspace:*): the one list of
//    packages that cannot be derived, since turbo's ^build follows dependencies only; through it
//    the root tasks that read built packages (docs, examples, install-alone, runtimes, bench)
//    depend on their builds. Nothing else names the packages by hand: TypeDoc's entry points are
//    a glob (packages/*), and the checks, the demo and the benchmark find the platforms by
//    scanning packages/ and read each one's descriptor (`@ordersync/<platform>/testing`).
//
// Usage: node scripts/check-repository.mjs

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import parseChangeset from '@changesets/parse'
import { publishedPackages, root, workspacePackages } from './lib/workspace.mjs'

const problems = []
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '')

// 1. Changesets.
const published = new Set(publishedPackages().map((pkg) => pkg.name))
const workspace = new Set(workspacePackages().map((pkg) => pkg.name))
const changesets = tracked.filter(
  (path) =>
    path.startsWith('.changeset/') && path.endsWith('.md') && basename(path) !== 'README.md',
)
for (const path of changesets) {
  const text = readFileSync(join(root, path), 'utf8')
  let parsed
  try {
    parsed = parseChangeset(text)
  } catch (error) {
    problems.push(
      `${path} does not parse as a changeset (${error.message.split('\n')[0]}): it must start with a line "---", then lines like "@ordersync/core": minor, then "---", then the summary`,
    )
    continue
  }
  if (parsed.releases.length === 0) {
    problems.push(`${path} names no package: add lines like "@ordersync/core": patch`)
  }
  for (const release of parsed.releases) {
    if (!workspace.has(release.name)) {
      problems.push(`${path} names ${release.name}, which is not a package under packages/`)
    } else if (!published.has(release.name)) {
      problems.push(`${path} names ${release.name}, which is private and never released`)
    }
    if (!['major', 'minor', 'patch'].includes(release.type)) {
      problems.push(`${path}: ${release.name} has bump "${release.type}" (major, minor or patch)`)
    }
  }
  if (parsed.summary.trim() === '') problems.push(`${path} has no summary for the changelog`)
}

// 2. Front matter and Markdown formatting.
for (const path of tracked.filter((file) => file.endsWith('.md'))) {
  const text = readFileSync(join(root, path), 'utf8')
  if (/^---\r?\n\r?\n#{1,6} [\w"@/-]+"?: /.test(text) || /^#{1,6} title: /m.test(text)) {
    problems.push(
      `${path} has a mangled front matter (a "## key: value" heading): write it as "---", "title: …" (one "key: value" per line), "---"`,
    )
  }
}
const biome = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'))
if (!(biome.files?.includes ?? []).includes('!**/*.md')) {
  problems.push(
    'biome.json must exclude Markdown ("!**/*.md" in files.includes): Biome mangles front matter',
  )
}

// 3. The repository stands alone. The patterns are assembled so that this file does not match them.
const outside = [
  `\\b${'shared'}/`,
  `\\b${'specs'}/`,
  `\\b${'PLATFORMS'}\\.md\\b`,
  `\\b${'DESIGN'}\\.md\\b`,
  `\\b${'CONVENTIONS'}\\.md\\b`,
].join('|')
let references = ''
try {
  references = execFileSync(
    'git',
    ['grep', '-n', '-I', '-E', outside, '--', '.', ':(exclude)pnpm-lock.yaml'],
    { cwd: root, encoding: 'utf8' },
  )
} catch (error) {
  if (error.status !== 1) throw error // 1: no match
}
for (const line of references.split('\n').filter((entry) => entry !== '')) {
  problems.push(
    `a reference to a file outside the repository: ${line.slice(0, 160)}\n    state the fact here, or cite the platform's public documentation (title, section, URL)`,
  )
}

// 4. The one list that names every published package.
// The root depends on every published package (workspace:*), so that its tasks that read built
// packages (docs, examples, install-alone, runtimes, bench) build them all through turbo's ^build.
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const rootDependencies = { ...rootManifest.dependencies, ...rootManifest.devDependencies }
for (const pkg of publishedPackages()) {
  if (rootDependencies[pkg.name] !== 'workspace:*') {
    problems.push(
      `package.json: add "${pkg.name}": "workspace:*" to devDependencies (pnpm add -Dw ${pkg.name}@workspace:*), so the root tasks build it`,
    )
  }
}

if (problems.length > 0) {
  console.error(`[repository] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(
  `[repository] ${changesets.length} changesets parse; front matter intact; no reference outside the repository; ${published.size} published packages are root devDependencies (every other list is derived)`,
)
