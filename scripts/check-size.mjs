#!/usr/bin/env node
// Checks a package's size budget: the gzipped size of the JavaScript in dist/ (no maps, no types)
// against "sizeBudget": { "gzipKB": N } in its package.json. Run from the package directory after
// the build. Dependencies (zod, io-ts, ky) are not counted: they are the user's to dedupe.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const manifest = JSON.parse(readFileSync('package.json', 'utf8'))
const budget = manifest.sizeBudget?.gzipKB
if (typeof budget !== 'number') {
  console.error(`[size] ${manifest.name} has no "sizeBudget": { "gzipKB": N } in package.json`)
  process.exit(1)
}

function files(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

const javascript = files('dist').filter((path) => path.endsWith('.js') || path.endsWith('.mjs'))
const raw = Buffer.concat(javascript.map((path) => readFileSync(path)))
const gzipKB = gzipSync(raw, { level: 9 }).length / 1024
const line = `[size] ${manifest.name}: ${gzipKB.toFixed(1)} KB gzipped (${(raw.length / 1024).toFixed(1)} KB raw, ${javascript.length} files), budget ${budget} KB`
if (gzipKB > budget) {
  console.error(`${line} — over budget`)
  process.exit(1)
}
console.log(line)
