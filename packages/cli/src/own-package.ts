import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

// This file sits one folder below the package's root, as the built files do in dist/: the same
// relative URL finds the root from the sources (tests) and from the build.

/** This package's folder. */
export const packageDirectory: string = fileURLToPath(new URL('..', import.meta.url))

/** This package's package.json. */
export const ownManifest: {
  readonly version: string
  readonly peerDependencies?: Readonly<Record<string, string>>
} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

/** This package's version, for `ordersync --version` and what the ledger records of its writer. */
export const cliVersion: string = ownManifest.version
