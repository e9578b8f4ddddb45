// Finds the platform packages: every packages/*/package.json whose built entry exports a
// `create<X>` function and whose package has an entry in bench-platforms.ts.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BenchPlatformEntry, benchPlatforms, type LoadedModule } from './bench-platforms.ts'

export interface DiscoveredPlatform {
  readonly entry: BenchPlatformEntry
  readonly packageName: string
  readonly directory: string
  readonly createExport: string
  readonly module: LoadedModule
}

export const root: string = new URL('../..', import.meta.url).pathname

/** Loads a workspace package's built entry (`dist/index.js`). */
export async function loadPackage(directory: string): Promise<LoadedModule> {
  return (await import(pathToFileURL(join(directory, 'dist', 'index.js')).href)) as LoadedModule
}

/**
 * The platform packages with a bench entry, and the names of those without one (reported, so a
 * new platform is not left out silently).
 */
export async function discoverPlatforms(): Promise<{
  platforms: DiscoveredPlatform[]
  withoutEntry: string[]
}> {
  const platforms: DiscoveredPlatform[] = []
  const withoutEntry: string[] = []
  const packagesDir = join(root, 'packages')
  for (const name of readdirSync(packagesDir).sort()) {
    const directory = join(packagesDir, name)
    const manifestFile = join(directory, 'package.json')
    if (!existsSync(manifestFile) || !existsSync(join(directory, 'dist', 'index.js'))) continue
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string }
    if (manifest.name === '@ordersync/core' || manifest.name === '@ordersync/sandbox') continue
    const module = await loadPackage(directory)
    const createExport = Object.keys(module).find(
      (key) =>
        /^create[A-Z]\w*$/.test(key) && typeof module[key] === 'function' && !/Nonce|Key/.test(key),
    )
    if (createExport === undefined) continue
    const entry = benchPlatforms.find((candidate) => candidate.id === name)
    if (entry === undefined) {
      withoutEntry.push(manifest.name)
      continue
    }
    platforms.push({ entry, packageName: manifest.name, directory, createExport, module })
  }
  return { platforms, withoutEntry }
}
