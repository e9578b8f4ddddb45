import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import type { Reporter, TestModule } from 'vitest/node'

/**
 * The host time zones every test suite runs under. Nothing ordersync puts on the wire may depend
 * on the host's `TZ`, so each package's tests run once per zone, in separate workers, and must
 * give identical results: UTC, a zone west of UTC with daylight saving, and a half-hour zone east.
 */
const hostTimeZones = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const

/**
 * Ends a run with one plain line, `<package>: N passed, N failed` (and `, N skipped`), and writes
 * the same counts to `test-results/summary.json`, which `scripts/test-summary.mjs` adds up after
 * every package ran (turbo restores the file when it replays a cached run).
 */
function summaryLine(name: string): Reporter {
  return {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
      const count = (state: 'passed' | 'failed' | 'skipped'): number =>
        testModules.reduce(
          (total, module) => total + [...module.children.allTests(state)].length,
          0,
        )
      const skipped = count('skipped')
      mkdirSync('test-results', { recursive: true })
      writeFileSync(
        'test-results/summary.json',
        `${JSON.stringify({ name, passed: count('passed'), failed: count('failed'), skipped })}\n`,
      )
      process.stdout.write(
        `${name}: ${count('passed')} passed, ${count('failed')} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`,
      )
    },
  }
}

/**
 * The vitest configuration of a package: its `src/**\/*.test.ts` once per host time zone, and its
 * `*.test-d.ts` type tests. `options.firstZoneOnly` lists test files (globs) that run under the
 * first zone alone: the multi-process tests against Redis, whose load would triple for nothing
 * (they put no time on the wire that the other suites do not already check per zone).
 */
export function defineTimeZoneConfig(
  name: string,
  options: { readonly firstZoneOnly?: readonly string[] } = {},
) {
  const firstZoneOnly = [...(options.firstZoneOnly ?? [])]
  // vitest runs in the package's folder: its version, as tsdown writes it into the build.
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
  return defineConfig({
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    test: {
      reporters: ['default', summaryLine(name)],
      // Integration tests talk to a real local server while three time-zone projects run at once on
      // a two-core machine: no test asserts on time, so give slow machines room instead of flaking.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      projects: hostTimeZones.map((zone, position) => ({
        extends: true,
        test: {
          name: `${name} (TZ=${zone})`,
          env: { TZ: zone },
          include: ['src/**/*.test.ts'],
          exclude: position === 0 ? [] : firstZoneOnly,
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
        },
      })),
    },
  })
}
