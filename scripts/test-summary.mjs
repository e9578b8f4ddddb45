#!/usr/bin/env node
// Adds up the test counts each package's vitest run wrote to test-results/summary.json and prints
// one closing line, `total: N passed, N failed`, so the whole run ends with a plain summary.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

let passed = 0
let failed = 0
let skipped = 0
let packages = 0
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue
  for (const name of readdirSync(group)) {
    const file = join(group, name, 'test-results', 'summary.json')
    if (!existsSync(file)) continue
    const summary = JSON.parse(readFileSync(file, 'utf8'))
    passed += summary.passed
    failed += summary.failed
    skipped += summary.skipped
    packages += 1
  }
}
if (packages === 0) {
  console.error('[test-summary] no package wrote test-results/summary.json: no test ran')
  process.exit(1)
}
console.log(`total: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
