import { syncOrders } from '@ordersync/core'
import { createYoushuSandboxModule, startSandbox } from '@ordersync/sandbox'
import { it } from 'vitest'
import { createYoushu } from './youshu-client.ts'
import { platformDescriptor } from './youshu-descriptor.ts'

it('measures', async () => {
  const sandbox = await startSandbox({ modules: [createYoushuSandboxModule()] })
  const c = sandbox.credentials.youshu!
  for (const dataSourceId of [undefined, '101']) {
    sandbox.control.reset()
    const youshu = createYoushu({ environment: 'test', baseURL: sandbox.url, appId: c.appId, appSecret: 'wrong-secret', merchantId: c.merchantId, ...(dataSourceId ? { dataSourceId } : {}) })
    const orders = Array.from({ length: 2000 }, (_, i) => platformDescriptor.makeOrder(i))
    const report = await syncOrders({ platform: youshu, orders })
    const r = report.results[0]
    console.log('MEASURE', dataSourceId, sandbox.control.log('youshu').length, JSON.stringify(sandbox.control.counters('youshu').requests), report.failed, r?.status === 'failed' ? `${r.delivery} ${r.error.name} ${r.error.message}` : '')
    const last = report.results.at(-1)
    console.log('LAST', last?.status === 'failed' ? `${last.delivery} ${last.error.message}` : '')
  }
  await sandbox.close()
}, 120_000)
