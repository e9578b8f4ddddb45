import { validateOrder } from '@ordersync/core'
import { startSandbox, createDefaultSandboxModules } from '@ordersync/sandbox'
import { demoSamples } from './src/demo-samples.ts'
import { platformRegistry } from './src/platform-registry.ts'
const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
const clients = platformRegistry.map((p) => p.createClient(sandbox, { retry: {}, hooks: {} }))
for (const s of demoSamples) {
  const r = validateOrder(s.order)
  if (!r.success) { console.log(s.id, 'INVALID', r.error.message); continue }
  for (const p of clients) {
    try { const pr = p.prepare(r.order); console.log(s.id, p.platform, 'ok', pr.warnings.map(w=>w.path.join('.')).join(',')) } catch (e) { console.log(s.id, p.platform, (e as Error).message) }
  }
}
await sandbox.close()
