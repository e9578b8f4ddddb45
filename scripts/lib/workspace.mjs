// The workspace's packages, found by scanning packages/*/package.json (never a hard-coded list), so
// that a package added later joins every check that uses this module.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root directory. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * Every package under packages/: `{ name, dir, short, manifest }`, where `short` is the folder name
 * (`youshu` for packages/youshu).
 */
export function workspacePackages() {
  const base = join(root, 'packages')
  return readdirSync(base)
    .filter((name) => existsSync(join(base, name, 'package.json')))
    .sort()
    .map((short) => {
      const dir = join(base, short)
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      return { name: manifest.name, dir, short, manifest }
    })
}

/** The packages that are published: every package under packages/ that is not private. */
export function publishedPackages() {
  return workspacePackages().filter((pkg) => pkg.manifest.private !== true)
}

// Published packages that are not platforms: core, the sandbox, and the scale-out helpers.
const notPlatforms = new Set(['core', 'sandbox', 'redis-token-store', 'queue'])

/**
 * The platform packages: published packages other than core, the sandbox and the scale-out
 * packages, that export a `create<X>` function from their entry (read from src/index.ts).
 */
export function platformPackages() {
  return publishedPackages().filter((pkg) => {
    if (notPlatforms.has(pkg.short)) return false
    const index = join(pkg.dir, 'src', 'index.ts')
    if (!existsSync(index)) return false
    return /\bcreate[A-Z]\w*\b/.test(readFileSync(index, 'utf8'))
  })
}

/** The name of the `create<X>` function a platform package exports, read from its src/index.ts. */
export function platformFactoryName(pkg) {
  const source = readFileSync(join(pkg.dir, 'src', 'index.ts'), 'utf8')
  const names = [...source.matchAll(/\b(create[A-Z]\w*)\b/g)].map((match) => match[1])
  // The factory is the one named after the package: createYoushu, createAlipayPlus, ...
  const factory = names.find(
    (name) => name.toLowerCase() === `create${pkg.short.replace(/-/g, '')}`,
  )
  return factory
}

/**
 * The built module of a package's `./testing` export — a platform package's descriptor
 * (`platformDescriptor`, core's `PlatformDescriptor`) — or undefined when it exports none.
 */
export function testingEntry(pkg) {
  const target = pkg.manifest.exports?.['./testing']
  const file = typeof target === 'string' ? target : target?.default
  return file === undefined ? undefined : join(pkg.dir, file)
}
