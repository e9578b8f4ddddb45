// Vitest's global setup: builds the package with its own tsdown configuration into a folder of
// its own, beside bin/ordersync.js and package.json, so that the tests run the real command —
// the bin, the bundle, the dependencies as installed — without racing the package's `build` task
// (turbo may run it at the same time) over dist/.

import { cpSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'tsdown'
import { cliUnderTest } from './cli-under-test.ts'

export default async function setup(): Promise<void> {
  const { directory, packageDirectory } = cliUnderTest
  rmSync(directory, { recursive: true, force: true })
  mkdirSync(join(directory, 'bin'), { recursive: true })
  cpSync(join(packageDirectory, 'package.json'), join(directory, 'package.json'))
  cpSync(join(packageDirectory, 'bin', 'ordersync.js'), join(directory, 'bin', 'ordersync.js'))
  await build({
    cwd: packageDirectory,
    outDir: join(directory, 'dist'),
    dts: false,
    sourcemap: false,
    logLevel: 'warn',
  })
}
