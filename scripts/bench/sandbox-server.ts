// The sandbox with every platform module, in its own process (the bench spawns it). Prints one
// JSON line { url, credentials }, serves until stdin closes.

import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { root } from './discover-platforms.ts'

const sandboxModule = (await import(
  pathToFileURL(join(root, 'packages', 'sandbox', 'dist', 'index.js')).href
)) as {
  startSandbox(options: { modules: unknown[]; maxLogEntries?: number }): Promise<{
    url: string
    credentials: Record<string, Record<string, string>>
    close(): Promise<void>
  }>
  createDefaultSandboxModules(): { platform: string }[]
  createWixtarSandboxModule?(options: unknown): { platform: string }
}
// Wixtar's module reads cents everywhere, as the bench's Wixtar client sends them: the bench order's
// amounts have cents, which the default units (the document example's whole dollars for charges
// and payments, on both sides) refuse.
const modules = sandboxModule.createDefaultSandboxModules().map((module) =>
  module.platform === 'wixtar' && sandboxModule.createWixtarSandboxModule !== undefined
    ? sandboxModule.createWixtarSandboxModule({
        amountScale: { charges: 2, items: 2, payments: 2 },
      })
    : module,
)
const sandbox = await sandboxModule.startSandbox({
  modules,
  maxLogEntries: 100,
})
process.stdout.write(`${JSON.stringify({ url: sandbox.url, credentials: sandbox.credentials })}\n`)
process.stdin.resume()
process.stdin.on('end', async () => {
  await sandbox.close()
  process.exit(0)
})
