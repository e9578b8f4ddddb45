// Finds the platform packages as every check does (scripts/lib/workspace.mjs: packages/*/ that
// export create<X>) and loads what each one says about itself: its descriptor (the
// `platformDescriptor` of its `./testing` entry), its client module and its fixtures. Every platform
// is benched on its descriptor; bench-platforms.ts adds, for the platforms it knows, a 10-line
// order, the minimal server's answer and a raw fetch loop.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { PlatformDescriptor } from '@ordersync/core'
import { platformFactoryName, platformPackages, testingEntry } from '../lib/workspace.mjs'
import { type BenchPlatformEntry, benchPlatforms, type LoadedModule } from './bench-platforms.ts'

export interface DiscoveredPlatform {
  readonly descriptor: PlatformDescriptor
  readonly packageName: string
  readonly directory: string
  readonly createExport: string
  readonly module: LoadedModule
  /** The package's `./fixtures` module: its document's example orders. */
  readonly fixtures: LoadedModule
  /** The raw loop, the minimal server and the 10-line order, when bench-platforms.ts has them. */
  readonly entry: BenchPlatformEntry | undefined
}

export const root: string = new URL('../..', import.meta.url).pathname

/** Loads a workspace package's built entry (`dist/index.js`, or another file of `dist`). */
export async function loadPackage(directory: string, file = 'index.js'): Promise<LoadedModule> {
  return (await import(pathToFileURL(join(directory, 'dist', file)).href)) as LoadedModule
}

/** A platform package, loaded; it must be built. */
async function load(pkg: { name: string; dir: string }): Promise<DiscoveredPlatform | string> {
  const entryFile = testingEntry(pkg)
  if (entryFile === undefined) return `${pkg.name} exports no ./testing (its platformDescriptor)`
  if (!existsSync(entryFile)) {
    throw new Error(`[bench] ${pkg.name} is not built: run the build first (npm run bench does)`)
  }
  const { platformDescriptor } = (await import(pathToFileURL(entryFile).href)) as {
    platformDescriptor: PlatformDescriptor
  }
  return {
    descriptor: platformDescriptor,
    packageName: pkg.name,
    directory: pkg.dir,
    createExport: platformFactoryName(pkg) ?? '',
    module: await loadPackage(pkg.dir),
    fixtures: await loadPackage(pkg.dir, 'fixtures.js'),
    entry: benchPlatforms.find((candidate) => candidate.id === platformDescriptor.id),
  }
}

/** The platform packages, loaded, and why any other could not be benched. */
export async function discoverPlatforms(): Promise<{
  platforms: DiscoveredPlatform[]
  skipped: string[]
}> {
  const platforms: DiscoveredPlatform[] = []
  const skipped: string[] = []
  for (const pkg of platformPackages()) {
    const loaded = await load(pkg)
    if (typeof loaded === 'string') skipped.push(loaded)
    else platforms.push(loaded)
  }
  return { platforms, skipped }
}

/** The order of the prepare and sync measures: the bench entry's 10-line order, or the descriptor's. */
export function benchOrder(platform: DiscoveredPlatform, index: number): Record<string, unknown> {
  return (
    platform.entry?.order(platform.fixtures, index) ?? { ...platform.descriptor.makeOrder(index) }
  )
}

/** What a request's body is `JSON.stringify` of, for one prepared payload. */
export function wireBody(platform: DiscoveredPlatform, payload: unknown): unknown {
  return platform.entry === undefined ? payload : platform.entry.wireBodies([payload])[0]
}
