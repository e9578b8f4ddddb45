// Footprint per platform: what a user installs from the packed tarballs (packages and bytes), the
// minified + gzip size of what a bundler ships for `import { createX } from '@ordersync/x'` with
// `syncOrders`, and the cold import time, each beside alipay-sdk installed with npm into a
// scratch folder in the same run.

import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { type BenchRow, repeats } from './bench-support.ts'
import { type DiscoveredPlatform, root } from './discover-platforms.ts'

export const alipaySdk = 'alipay-sdk@4.14.0'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function npmInstall(directory: string, specs: readonly string[]): void {
  writeFileSync(
    join(directory, 'package.json'),
    '{ "name": "bench-scratch", "private": true, "type": "module" }\n',
  )
  execFileSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--omit=dev', ...specs],
    {
      cwd: directory,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
}

/** Packages (directories with a package.json under a node_modules) and bytes of their files. */
function installed(directory: string): { packages: number; bytes: number } {
  let packages = 0
  let bytes = 0
  const sizeOf = (path: string) => {
    for (const dirent of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, dirent.name)
      if (dirent.isDirectory()) sizeOf(child)
      else if (dirent.isFile()) bytes += statSync(child).size
    }
  }
  const countIn = (modules: string) => {
    for (const name of readdirSync(modules)) {
      if (name.startsWith('.')) continue
      if (name.startsWith('@'))
        for (const scoped of readdirSync(join(modules, name)))
          countPackage(join(modules, name, scoped))
      else countPackage(join(modules, name))
    }
  }
  const countPackage = (path: string) => {
    if (!existsSync(join(path, 'package.json'))) return
    packages += 1
    if (existsSync(join(path, 'node_modules'))) countIn(join(path, 'node_modules'))
  }
  const modules = join(directory, 'node_modules')
  countIn(modules)
  sizeOf(modules)
  return { packages, bytes }
}

async function gzipBundle(
  directory: string,
  source: string,
  platform: 'browser' | 'node',
): Promise<number> {
  const entry = join(directory, 'bundle-entry.mjs')
  writeFileSync(entry, source)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
    logLevel: 'silent',
    absWorkingDir: directory,
  })
  return gzipSync(result.outputFiles[0]?.contents ?? new Uint8Array()).length
}

/** The time of `await import(specifier)` in a fresh Node process, in ms. */
function coldImport(directory: string, specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t))`
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: directory,
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`cold import of ${specifier} failed: ${result.stderr}`)
  return Number(result.stdout)
}

export async function benchFootprint(
  platforms: readonly DiscoveredPlatform[],
): Promise<BenchRow[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'ordersync-bench-'))
  try {
    const tarballs = join(scratch, 'tarballs')
    mkdirSync(tarballs)
    const pack = (directory: string): string => {
      const out = execFileSync('pnpm', ['pack', '--pack-destination', tarballs], {
        cwd: directory,
        encoding: 'utf8',
      })
      return out.trim().split('\n').at(-1) ?? ''
    }
    const coreTarball = pack(join(root, 'packages', 'core'))
    const peerDirectory = join(scratch, 'alipay-sdk')
    mkdirSync(peerDirectory)
    npmInstall(peerDirectory, [alipaySdk])
    const peer = installed(peerDirectory)
    const peerBundle = await gzipBundle(
      peerDirectory,
      "export { AlipaySdk } from 'alipay-sdk'\n",
      'node',
    )
    const rows: BenchRow[] = []
    for (const platform of platforms) {
      const directory = join(scratch, platform.descriptor.id)
      mkdirSync(directory)
      npmInstall(directory, [coreTarball, pack(platform.directory)])
      const ours = installed(directory)
      const bundle = await gzipBundle(
        directory,
        `export { ${platform.createExport} } from '${platform.packageName}'\nexport { syncOrders } from '@ordersync/core'\n`,
        'browser',
      )
      const oursImport: number[] = []
      const peerImport: number[] = []
      for (let repeat = 0; repeat < repeats; repeat += 1) {
        oursImport.push(coldImport(directory, platform.packageName))
        peerImport.push(coldImport(peerDirectory, 'alipay-sdk'))
      }
      const common = {
        section: 'footprint',
        platform: platform.packageName,
        floorName: alipaySdk,
        better: 'lower' as const,
      }
      const thrice = (value: number) => [value, value, value]
      rows.push({
        ...common,
        measure: 'packages installed (with core, from packed tarballs)',
        unit: 'packages',
        ours: thrice(ours.packages),
        floor: thrice(peer.packages),
        note: 'deterministic: one install',
      })
      rows.push({
        ...common,
        measure: 'bytes installed',
        unit: 'kB',
        ours: thrice(ours.bytes / 1000),
        floor: thrice(peer.bytes / 1000),
        note: 'deterministic: one install',
      })
      rows.push({
        ...common,
        measure: `min+gzip bundle of ${platform.createExport} + syncOrders`,
        unit: 'kB',
        ours: thrice(bundle / 1000),
        floor: thrice(peerBundle / 1000),
        note: 'deterministic: one build; alipay-sdk bundled for node',
      })
      rows.push({
        ...common,
        measure: 'cold import',
        unit: 'ms',
        ours: oursImport,
        floor: peerImport,
        target: 0.5,
      })
    }
    return rows
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
