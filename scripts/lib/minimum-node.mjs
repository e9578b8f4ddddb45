// The minimum supported Node (package.json "toolchain": { "minimumNode": "22.x.y" }), brought into
// .tools/node-minimum/ from the npm registry (the `node` package ships the official binary) the
// first time a check needs it, so that the checks prove the packages run on it.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './workspace.mjs'

/** `{ version, path }` of the minimum supported Node, installed if missing. */
export function ensureMinimumNode() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const version = manifest.toolchain?.minimumNode
  if (!version) throw new Error('package.json must pin "toolchain": { "minimumNode": "22.x.y" }')
  const dir = join(root, '.tools', 'node-minimum')
  const binary = join(
    dir,
    'node_modules',
    'node',
    'bin',
    process.platform === 'win32' ? 'node.exe' : 'node',
  )
  const installed = join(dir, 'node_modules', 'node', 'package.json')
  const current = existsSync(installed)
    ? JSON.parse(readFileSync(installed, 'utf8')).version
    : undefined
  if (current !== version || !existsSync(binary)) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'package.json'),
      '{ "name": "ordersync-node-minimum", "private": true }\n',
    )
    process.stderr.write(`[toolchain] installing node@${version} into .tools/node-minimum/\n`)
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const result = spawnSync(
      npm,
      ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `node@${version}`],
      { cwd: dir, stdio: 'inherit' },
    )
    if (result.status !== 0)
      throw new Error(`npm install node@${version} failed (exit ${result.status})`)
  }
  const reported = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim()
  if (reported !== `v${version}`) throw new Error(`${binary} reports ${reported}, not v${version}`)
  return { version, path: binary }
}
