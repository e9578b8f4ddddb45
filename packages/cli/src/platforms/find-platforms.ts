import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { OrderSyncPlatformV1, PlatformDescriptor } from '@ordersync/core'
import { CliError } from '../cli-error.ts'
import { ownManifest, packageDirectory } from '../own-package.ts'

/** A platform package found installed. */
export interface InstalledPlatform {
  /** The platform id: the package's name without `@ordersync/`. */
  readonly id: string
  readonly packageName: string
  /** The package's folder. */
  readonly directory: string
}

interface Manifest {
  readonly name?: string
  readonly peerDependencies?: Readonly<Record<string, string>>
  readonly exports?: Readonly<Record<string, { readonly default?: string } | string>>
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest

const notPlatforms = new Set(['@ordersync/core', '@ordersync/sandbox', '@ordersync/cli'])

/**
 * The platforms this command knows: its optional peer dependencies, the platform packages
 * installed beside it. Used to tell a platform that is not installed from a misspelt one.
 */
export function knownPlatformIds(): string[] {
  return Object.keys(ownManifest.peerDependencies ?? {})
    .filter((name) => name.startsWith('@ordersync/') && !notPlatforms.has(name))
    .map((name) => name.slice('@ordersync/'.length))
    .sort()
}

function ancestors(start: string): string[] {
  const found: string[] = []
  for (let directory = resolve(start); ; directory = dirname(directory)) {
    found.push(directory)
    if (dirname(directory) === directory) return found
  }
}

/** A platform package exports its document's orders (`./fixtures`) and its descriptor (`./testing`). */
function isPlatformPackage(manifest: Manifest): boolean {
  const name = manifest.name ?? ''
  return (
    name.startsWith('@ordersync/') &&
    !notPlatforms.has(name) &&
    manifest.exports?.['./testing'] !== undefined &&
    manifest.exports['./fixtures'] !== undefined
  )
}

/**
 * The platform packages installed where Node would find them: every `node_modules/@ordersync`
 * folder above `cwd` (the project the command runs in), then above this package. The nearest
 * copy of a package wins.
 */
export function findInstalledPlatforms(cwd: string): Map<string, InstalledPlatform> {
  const found = new Map<string, InstalledPlatform>()
  for (const directory of [...ancestors(cwd), ...ancestors(packageDirectory)]) {
    const scope = join(directory, 'node_modules', '@ordersync')
    if (!existsSync(scope)) continue
    for (const entry of readdirSync(scope).sort()) {
      const packageDirectory = join(scope, entry)
      const manifestFile = join(packageDirectory, 'package.json')
      if (!existsSync(manifestFile)) continue
      const manifest = readManifest(manifestFile)
      if (!isPlatformPackage(manifest)) continue
      const id = (manifest.name as string).slice('@ordersync/'.length)
      if (found.has(id)) continue
      found.set(id, {
        id,
        packageName: manifest.name as string,
        directory: realpathSync(packageDirectory),
      })
    }
  }
  return found
}

/**
 * The installed package of platform `id`.
 *
 * @throws {@link CliError} that says which package to install, or that the id is unknown.
 */
export function requireInstalled(
  id: string,
  installed: ReadonlyMap<string, InstalledPlatform>,
): InstalledPlatform {
  const platform = installed.get(id)
  if (platform !== undefined) return platform
  const known = knownPlatformIds()
  if (known.includes(id)) {
    throw new CliError(
      `the platform ${id} is not installed: npm install @ordersync/${id} (beside @ordersync/cli)`,
    )
  }
  const names = [...new Set([...known, ...installed.keys()])].sort().join(', ')
  throw new CliError(`unknown platform "${id}": ordersync knows ${names}`)
}

async function importExport(platform: InstalledPlatform, subpath: string): Promise<unknown> {
  const manifest = readManifest(join(platform.directory, 'package.json'))
  const target = manifest.exports?.[subpath]
  const file = typeof target === 'string' ? target : target?.default
  if (file === undefined) {
    throw new CliError(`${platform.packageName} has no export "${subpath}": reinstall it`)
  }
  return import(pathToFileURL(join(platform.directory, file)).href)
}

/** The platform's descriptor (`@ordersync/<id>/testing`): its client against a sandbox, its samples. */
export async function loadDescriptor(platform: InstalledPlatform): Promise<PlatformDescriptor> {
  const loaded = (await importExport(platform, './testing')) as {
    platformDescriptor?: PlatformDescriptor
  }
  if (loaded.platformDescriptor === undefined) {
    throw new CliError(`${platform.packageName}/testing exports no platformDescriptor: upgrade it`)
  }
  return loaded.platformDescriptor
}

/**
 * The platform's `create<Platform>` function: the export named after the package, whatever its
 * case (`createYoushu`, `createAlipayPlus`).
 */
export async function loadFactory(
  platform: InstalledPlatform,
): Promise<(settings: Record<string, unknown>) => OrderSyncPlatformV1<unknown>> {
  const loaded = (await importExport(platform, '.')) as Record<string, unknown>
  const wanted = `create${platform.id.replace(/-/g, '')}`
  const name = Object.keys(loaded).find((key) => key.toLowerCase() === wanted)
  const factory = name === undefined ? undefined : loaded[name]
  if (typeof factory !== 'function') {
    throw new CliError(
      `${platform.packageName} exports no ${wanted.replace('create', 'create…')} function: upgrade it`,
    )
  }
  return factory as (settings: Record<string, unknown>) => OrderSyncPlatformV1<unknown>
}
