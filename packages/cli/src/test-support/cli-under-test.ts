import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDirectory = fileURLToPath(new URL('../..', import.meta.url))

/**
 * Where the tests' build of the command lives: inside the package's node_modules, so that its
 * dependencies resolve as they do for the package (and a configuration file importing
 * `@ordersync/cli` finds it through a link to this folder).
 */
export const cliUnderTest: {
  readonly packageDirectory: string
  readonly directory: string
  readonly bin: string
} = {
  packageDirectory: packageDirectory,
  directory: join(packageDirectory, 'node_modules', '.cache', 'ordersync-cli-under-test'),
  bin: join(
    packageDirectory,
    'node_modules',
    '.cache',
    'ordersync-cli-under-test',
    'bin',
    'ordersync.js',
  ),
}
