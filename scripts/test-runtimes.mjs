#!/usr/bin/env node
// The packages run where only web APIs exist. Bundles one program with every platform package, core
// and their dependencies for the browser (rolldown, platform "browser": a `node:` import fails the
// bundle), checks that the bundle names no `node:` module, and runs it in edge-runtime (the
// runtime of edge functions: fetch, WebCrypto, streams — no process, require or Buffer). The
// sandbox runs here, in Node; the client talks to it over loopback with the runtime's fetch.
//
// In the web-only runtime, for every platform package, from its descriptor (the `platformDescriptor`
// of its `./testing` entry, which is bundled with it and so must import no Node module):
// - its own computations (`selfChecks`: Youshu's HMAC worked example, Alipay+'s RSA signature);
// - one order synced to the sandbox (signed requests; Alipay+ responses verified with the platform
//   public key);
// - where the descriptor gives an `unsignedAnswer`, the sandbox answers with it and the sync must
//   fail with an AuthenticationError: response verification runs there too.
//
// (The minimum Node, 22, is proved by the install-alone test, which runs every platform on it.)
//
// Usage: node scripts/test-runtimes.mjs

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { EdgeRuntime } from 'edge-runtime'
import { rolldown } from 'rolldown'
import { platformPackages, publishedPackages, root, testingEntry } from './lib/workspace.mjs'

const problems = []
const core = publishedPackages().find((pkg) => pkg.name === '@ordersync/core')
const platforms = platformPackages().filter((pkg) => {
  if (testingEntry(pkg) !== undefined) return true
  problems.push(
    `${pkg.name}: export "./testing" (src/testing.ts: its platformDescriptor, core's PlatformDescriptor), as the other platforms do`,
  )
  return false
})

const work = mkdtempSync(join(tmpdir(), 'ordersync-runtimes-'))
const entry = join(work, 'entry.mjs')
const href = (path) => JSON.stringify(pathToFileURL(path).pathname)
writeFileSync(
  entry,
  [
    `import * as core from ${href(join(core.dir, 'dist', 'index.js'))}`,
    ...platforms.map(
      (pkg, index) =>
        `import { platformDescriptor as descriptor${index} } from ${href(testingEntry(pkg))}`,
    ),
    `const platforms = [${platforms.map((pkg, index) => `[${JSON.stringify(pkg.name)}, descriptor${index}]`).join(', ')}]`,
    '',
    'export function environment() {',
    '  return JSON.stringify({',
    '    process: typeof process, require: typeof require, Buffer: typeof Buffer,',
    '    fetch: typeof fetch, subtle: typeof crypto?.subtle?.sign,',
    '  })',
    '}',
    '',
    'export async function sync(sandbox, name, index) {',
    '  const [, descriptor] = platforms.find(([candidate]) => candidate === name)',
    '  const checks = descriptor.selfChecks ? await descriptor.selfChecks(sandbox) : []',
    '  const report = await core.syncOrders({',
    '    platform: descriptor.createClient(sandbox),',
    '    orders: [descriptor.makeOrder(index)],',
    '  })',
    '  const failure = report.results.find((result) => result.status === "failed")',
    '  return JSON.stringify({',
    '    checks, succeeded: report.succeeded, failed: report.failed,',
    '    error: failure && { name: failure.error.name, message: failure.error.message },',
    '    unsignedAnswer: descriptor.unsignedAnswer, platform: descriptor.id,',
    '  })',
    '}',
    '',
  ].join('\n'),
)

const bundle = await rolldown({
  input: entry,
  platform: 'browser',
  logLevel: 'silent',
  onLog: (level, log) => {
    if (level === 'warn' && /node:|built-?in/i.test(log.message))
      problems.push(`bundle: ${log.message}`)
  },
})
const { output } = await bundle.generate({ format: 'iife', name: 'ordersyncWebOnly' })
await bundle.close()
const code = output
  .filter((chunk) => chunk.type === 'chunk')
  .map((chunk) => chunk.code)
  .join('\n')
const nodeImports = [...new Set(code.match(/["'`]node:[a-z_/]+["'`]/g) ?? [])]
if (nodeImports.length > 0)
  problems.push(`the bundle names Node modules: ${nodeImports.join(', ')}`)

const { createDefaultSandboxModules, startSandbox } = await import(
  pathToFileURL(join(root, 'packages', 'sandbox', 'dist', 'index.js')).href
)
const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
// edge-runtime 4 lacks AbortSignal.any, a WHATWG DOM API that browsers, Cloudflare Workers and
// Node >= 20.3 have and core's transport uses to combine a caller's signal with its deadline.
// The check gives the runtime the standard's behaviour, built from the runtime's own
// AbortController (no Node API enters it), and says so in its output.
let addedAbortSignalAny = false
const runtime = new EdgeRuntime({
  extend: (context) => {
    if (typeof context.AbortSignal.any !== 'function') {
      addedAbortSignalAny = true
      context.AbortSignal.any = (signals) => {
        const controller = new context.AbortController()
        for (const signal of signals) {
          if (signal.aborted) {
            controller.abort(signal.reason)
            break
          }
          signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true })
        }
        return controller.signal
      }
    }
    return context
  },
})
try {
  runtime.evaluate(code)
  const environment = JSON.parse(runtime.evaluate('ordersyncWebOnly.environment()'))
  const expected = {
    process: 'undefined',
    require: 'undefined',
    Buffer: 'undefined',
    fetch: 'function',
    subtle: 'function',
  }
  for (const [name, type] of Object.entries(expected)) {
    if (environment[name] !== type)
      problems.push(`the runtime has ${name} as ${environment[name]}, expected ${type}`)
  }
  const info = JSON.stringify({ url: sandbox.url, credentials: sandbox.credentials })
  for (const pkg of platforms) {
    const call = (index) =>
      runtime.evaluate(`ordersyncWebOnly.sync(${info}, ${JSON.stringify(pkg.name)}, ${index})`)
    const outcome = JSON.parse(await call(1))
    for (const check of outcome.checks) {
      if (JSON.stringify(check.actual) !== JSON.stringify(check.expected)) {
        problems.push(
          `${pkg.name}: ${check.what}: ${JSON.stringify(check.actual)}, expected ${JSON.stringify(check.expected)}`,
        )
      }
    }
    if (outcome.succeeded !== 1 || outcome.failed !== 0) {
      problems.push(
        `${pkg.name}: the sync failed in the web-only runtime: ${JSON.stringify(outcome.error)}`,
      )
    }
    const requests = Object.values(sandbox.control.counters(outcome.platform).requests).reduce(
      (sum, count) => sum + count,
      0,
    )
    if (requests < 1) problems.push(`${pkg.name}: the sandbox saw no request`)
    if (outcome.succeeded !== 1) {
      console.log(`[runtimes] web-only: ${pkg.name}: failed`)
      continue
    }
    let line = `${pkg.name}: ${outcome.checks.length} self-checks, one order synced`
    if (outcome.unsignedAnswer) {
      const { status, body } = outcome.unsignedAnswer
      sandbox.control.injectFault({
        platform: outcome.platform,
        action: status === undefined ? { type: 'body', body } : { type: 'body', body, status },
        times: Number.POSITIVE_INFINITY,
      })
      const refused = JSON.parse(await call(2))
      sandbox.control.clearFaults?.()
      if (refused.failed !== 1 || refused.error?.name !== 'AuthenticationError') {
        problems.push(
          `${pkg.name}: an unsigned answer was not refused in the web-only runtime: ${JSON.stringify(refused)}`,
        )
      } else {
        line += ', an unsigned answer refused (AuthenticationError)'
      }
    }
    console.log(`[runtimes] web-only: ${line}`)
  }
} finally {
  await sandbox.close()
  rmSync(work, { recursive: true, force: true })
}

if (problems.length > 0) {
  console.error(`[runtimes] ${problems.length} problems:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
if (addedAbortSignalAny) {
  console.log(
    '[runtimes] note: edge-runtime has no AbortSignal.any; the check supplied the standard one',
  )
}
console.log(
  `[runtimes] ${platforms.length} platforms sign, sync and verify in edge-runtime (a ${(code.length / 1024).toFixed(0)} KB bundle with no node: module)`,
)
