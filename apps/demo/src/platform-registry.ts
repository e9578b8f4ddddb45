import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { PlatformDescriptor } from '@ordersync/core'

/**
 * One platform on the demo page: the descriptor its package exports from
 * `@ordersync/<platform>/testing` (id, label, auth, endpoints, faults, the payload's key fields,
 * samples, and its client against `sandbox.credentials.<id>`). The page, the fault switches, the
 * batch and the browser test read everything from here.
 */
export type DemoPlatform = PlatformDescriptor

// The workspace's packages/ folder, from src/ (the tests) and from dist/ (the built demo) alike.
const packagesDirectory = fileURLToPath(new URL('../../../packages/', import.meta.url))

interface Manifest {
  readonly name: string
  readonly private?: boolean
  readonly exports?: Readonly<Record<string, { readonly default?: string } | string>>
}

/** The built file of a package's export `subpath`, or undefined when it has none. */
function exportFile(directory: string, manifest: Manifest, subpath: string): string | undefined {
  const target = manifest.exports?.[subpath]
  const file = typeof target === 'string' ? target : target?.default
  return file === undefined ? undefined : join(directory, file)
}

/** A platform package publishes its document's orders (`./fixtures`) and its descriptor (`./testing`). */
function platformTestingFiles(): { readonly name: string; readonly file: string }[] {
  return readdirSync(packagesDirectory)
    .sort()
    .flatMap((folder) => {
      const directory = join(packagesDirectory, folder)
      const manifestFile = join(directory, 'package.json')
      if (!existsSync(manifestFile)) return []
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
      const file = exportFile(directory, manifest, './testing')
      const fixtures = exportFile(directory, manifest, './fixtures')
      const isPlatform = manifest.private !== true && fixtures !== undefined && file !== undefined
      return isPlatform ? [{ name: manifest.name, file }] : []
    })
}

/**
 * The platforms of the demo, found by scanning the workspace's packages: every platform package
 * (one that exports `./fixtures` and `./testing`) joins the page with its built descriptor, in the
 * order of their folders. Adding a platform package adds it here with no change to the demo.
 *
 * @returns The descriptors.
 * @throws when a platform package is not built (`pnpm build` builds them all).
 */
export async function loadDemoPlatforms(): Promise<readonly DemoPlatform[]> {
  return Promise.all(
    platformTestingFiles().map(async ({ name, file }) => {
      if (!existsSync(file)) {
        throw new Error(`[demo] ${name} is not built: run \`pnpm --filter ${name} build\``)
      }
      const loaded = (await import(pathToFileURL(file).href)) as {
        platformDescriptor?: DemoPlatform
      }
      if (loaded.platformDescriptor === undefined) {
        throw new Error(`[demo] ${name}/testing exports no platformDescriptor`)
      }
      return loaded.platformDescriptor
    }),
  )
}
