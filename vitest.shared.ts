import { mkdirSync, writeFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import type { Reporter, TestModule } from 'vitest/node'

/**
 * The host time zones the suites run under. Nothing ordersync puts on the wire may depend on the
 * host's `TZ`: the suites that format or parse time run once per zone, in separate workers, and
 * must give identical results — a half-hour zone east of UTC, UTC, and a zone west of it with
 * daylight saving. Every other suite runs under the first, not UTC, so that a test leaning on a
 * UTC host by accident fails.
 */
const hostTimeZones = ['Asia/Kolkata', 'UTC', 'America/Los_Angeles'] as const

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
 * The suites that format or parse time, and so must give the same results under every host time
 * zone: core's time and codecs (and its own host-zone test), every platform's conversions and
 * status mappings, their property tests, and the demo's walkthroughs. The rest run once: nothing
 * they check depends on the host's `TZ` that these suites do not already pin.
 */
const zonedSuites = [
  'src/time/**/*.test.ts',
  'src/codecs/**/*.test.ts',
  'src/test/host-time-zone.test.ts',
  'src/**/convert-*.test.ts',
  'src/**/map-*.test.ts',
  'src/**/*-properties.test.ts',
  'src/**/*walkthrough.test.ts',
]

/**
 * The vitest configuration of a package: the suites that format or parse time
 * ({@link zonedSuites}, and `options.zoned`) once per host time zone, in separate workers; every
 * other suite once, under the first zone; and its `*.test-d.ts` type tests.
 * `options.firstZoneOnly` is kept for the packages that name suites to run once explicitly (the
 * multi-process tests against Redis); every suite outside the zoned ones runs once anyway.
 */
export function defineTimeZoneConfig(
  name: string,
  options: { readonly firstZoneOnly?: readonly string[]; readonly zoned?: readonly string[] } = {},
) {
  const zoned = [...zonedSuites, ...(options.zoned ?? [])]
  const firstZoneOnly = [...(options.firstZoneOnly ?? [])]
  return defineConfig({
    // The build writes each package's version into it (tsdown's define); tests see a fixed one,
    // so that the exact bytes they pin (a User-Agent) do not move with every release.
    define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
    test: {
      reporters: ['default', summaryLine(name)],
      // Integration tests talk to a real local server while several projects run at once on a
      // two-core machine: no test asserts on time, so give slow machines room instead of flaking.
      testTimeout: 30_000,
      hookTimeout: 30_000,
      projects: hostTimeZones.map((zone, position) => ({
        extends: true,
        test: {
          name: `${name} (TZ=${zone})`,
          env: { TZ: zone },
          include: position === 0 ? ['src/**/*.test.ts'] : zoned,
          exclude: position === 0 ? [] : firstZoneOnly,
          typecheck: { enabled: position === 0, include: ['src/**/*.test-d.ts'] },
        },
      })),
    },
  })
}
