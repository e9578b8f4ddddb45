// Runs the generated example modules (listed in examples.json beside this file) one after the
// other, each with a fresh harness, and reports every failure. Copied next to the generated
// modules by scripts/run-doc-examples.mjs.

import { readFileSync } from 'node:fs'
import { tearDown } from './harness.ts'

const examples: Array<[string, string]> = JSON.parse(
  readFileSync(new URL('./examples.json', import.meta.url), 'utf8'),
)
const failures: string[] = []
// What the examples print is not the report: keep the console for the result.
const { log, error, warn } = console
console.log = console.error = console.warn = () => {}
for (const [where, path] of examples) {
  try {
    const module = await import(path)
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('did not finish within 30 s')), 30_000)
    })
    try {
      await Promise.race([module.default(), timeout])
    } finally {
      clearTimeout(timer)
    }
  } catch (failure) {
    failures.push(`${where}: ${failure instanceof Error ? failure.message : String(failure)}`)
  } finally {
    await tearDown()
  }
}
Object.assign(console, { log, error, warn })
if (failures.length > 0) {
  console.error(`[examples] ${failures.length} of ${examples.length} examples fail:`)
  for (const failure of failures) console.error(`  ${failure}`)
  process.exit(1)
}
// Timers and sockets an example left behind must not keep the run alive.
process.exit(0)
