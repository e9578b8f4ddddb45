// Finds the platform packages: every packages/*/ whose index exports create<X> with X its
// directory's name, benched when bench-platforms.ts has an entry for it.

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
    const indexFile = join(directory, 'src', 'index.ts')
    if (!existsSync(manifestFile) || !existsSync(indexFile)) continue
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string }
    // A platform package exports create<Platform>, its directory's name: createYoushu in youshu,
    // createAlipayPlus in alipayplus. Read from the source, so no other package is loaded.
    const createExport = [
      ...readFileSync(indexFile, 'utf8').matchAll(/\bcreate([A-Z]\w*)\b/g),
    ].find((match) => match[1]?.toLowerCase() === name)?.[0]
    if (createExport === undefined) continue
    const entry = benchPlatforms.find((candidate) => candidate.id === name)
    if (entry === undefined) {
      withoutEntry.push(manifest.name)
      continue
    }
    if (!existsSync(join(directory, 'dist', 'index.js'))) {
      throw new Error(
        `[bench] ${manifest.name} is not built: run the build first (npm run bench does)`,
      )
    }
    const module = await loadPackage(directory)
    platforms.push({ entry, packageName: manifest.name, directory, createExport, module })
  }
  return { platforms, withoutEntry }
}
