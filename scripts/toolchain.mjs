#!/usr/bin/env node
// Brings the project's toolchain and runs pnpm with it.
//
// The README's commands must work on a fresh machine that has only Node (20 or newer) and npm.
// The workspace needs Node >= 22 (ky 2, vitest 5, tsdown, changesets 3) and pnpm. Where the host
// lacks them, this script installs the pinned versions from the npm registry into `.tools/`
// (the `node` package ships the official binary as a registry package) and runs pnpm on them,
// with that Node first on PATH so every child process uses it too.
//
// Usage: node scripts/toolchain.mjs <pnpm arguments...>
// Plain JavaScript on purpose: it runs before anything is installed, on Node 20.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const pnpmVersion = /^pnpm@(\d+\.\d+\.\d+)/.exec(manifest.packageManager ?? '')?.[1]
const nodeVersion = manifest.toolchain?.node
if (!pnpmVersion || !nodeVersion) {
  fail('package.json must pin "packageManager": "pnpm@x.y.z" and "toolchain": { "node": "x.y.z" }')
}
const minimumNodeMajor = 22
const toolsDir = join(root, '.tools')

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`)
}

function fail(message) {
  process.stderr.write(`[toolchain] ${message}\n`)
  process.exit(1)
}

function installedVersion(packageName) {
  const file = join(toolsDir, 'node_modules', packageName, 'package.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined
}

function installTools(specs) {
  mkdirSync(toolsDir, { recursive: true })
  const toolsManifest = join(toolsDir, 'package.json')
  if (!existsSync(toolsManifest)) {
    writeFileSync(toolsManifest, '{ "name": "ordersync-tools", "private": true }\n')
  }
  log(`installing ${specs.join(' ')} from the npm registry into .tools/`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const result = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', ...specs],
    { cwd: toolsDir, stdio: 'inherit' },
  )
  if (result.status !== 0) fail(`npm install ${specs.join(' ')} failed (exit ${result.status})`)
}

const hostNodeMajor = Number(process.versions.node.split('.')[0])
const useHostNode = hostNodeMajor >= minimumNodeMajor
const wanted = []
if (installedVersion('pnpm') !== pnpmVersion) wanted.push(`pnpm@${pnpmVersion}`)
if (!useHostNode && installedVersion('node') !== nodeVersion) wanted.push(`node@${nodeVersion}`)
if (wanted.length > 0) installTools(wanted)

const nodeBinary = useHostNode
  ? process.execPath
  : join(
      toolsDir,
      'node_modules',
      'node',
      'bin',
      process.platform === 'win32' ? 'node.exe' : 'node',
    )
if (!existsSync(nodeBinary)) fail(`no Node binary at ${nodeBinary}`)
if (!useHostNode)
  log(
    `host Node ${process.versions.node} is older than ${minimumNodeMajor}: using Node ${nodeVersion} from .tools/`,
  )

const pnpmEntry = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs')
const env = {
  ...process.env,
  PATH: [dirname(nodeBinary), join(toolsDir, 'node_modules', '.bin'), process.env.PATH].join(
    delimiter,
  ),
  // Keep pnpm from trying to switch itself to another version.
  COREPACK_ENABLE_STRICT: '0',
  npm_config_manage_package_manager_versions: 'false',
  TURBO_TELEMETRY_DISABLED: '1',
}

function pnpm(args) {
  const result = spawnSync(nodeBinary, [pnpmEntry, ...args], { cwd: root, stdio: 'inherit', env })
  if (result.error) fail(result.error.message)
  return result.status ?? 1
}

const installStatus = pnpm(['install', '--frozen-lockfile', '--prefer-offline'])
if (installStatus !== 0) process.exit(installStatus)
process.exit(pnpm(process.argv.slice(2)))
