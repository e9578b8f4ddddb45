import { syncOrders, parseOrder } from '@ordersync/core'
import { createBaiduSandboxModule, startSandbox } from '@ordersync/sandbox'
import { expect, it } from 'vitest'
import { createBaidu, toBaiduOrder } from './index.ts'
import { platformDescriptor } from './baidu-descriptor.ts'

it('measures', async () => {
  const sandbox = await startSandbox({ modules: [createBaiduSandboxModule()] })
  const c = sandbox.credentials.baidu ?? {}
  const client = createBaidu({ baseURL: sandbox.url, appKey: c.appKey ?? '', appSecret: c.appSecret ?? '', paymentAppKey: 'MMUwrong' })
  const orders = Array.from({ length: 100 }, (_, i) => platformDescriptor.makeOrder(i))
  const report = await syncOrders({ platform: client, orders })
  const log = sandbox.control.log('baidu')
  console.log('REQUESTS', log.length, log.slice(0, 2).map((e) => JSON.stringify(e).slice(0, 400)))
  const r = report.results[0]
  console.log(JSON.stringify(r?.status === 'failed' ? { d: r.delivery, m: r.error.message, c: (r.error as any).concerns } : r))
  await sandbox.close()
})

const bodies = [
  '{"errno":0,"msg":"success","data":[{"resource_id":"baidu-order-0"',
  '{"errno":"0","msg":"success"}',
  '{"ok":true}',
  '{"errno":0,"data":"oops"}',
  '{"errno":0,"data":[{"resource_id":"baidu-order-0"}]}',
  '{"errno":0,"data":[{"resource_id":"baidu-order-0","rows_affected":null}]}',
  '[]',
  'null',
]
it.each(bodies)('unreadable %s', async (text) => {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input as RequestInfo, init)
    const json = new URL(request.url).pathname.startsWith('/oauth/')
      ? JSON.stringify({ access_token: 't.fixed', expires_in: 2592000 })
      : text
    return new Response(json, { status: 200, headers: { 'content-type': 'application/json' } })
  }
  const client = createBaidu({ appKey: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg', appSecret: 'secret-1234', paymentAppKey: 'MMUx', fetch })
  const report = await syncOrders({ platform: client, orders: [platformDescriptor.makeOrder(0)] })
  const r = report.results[0]
  console.log(text, '=>', JSON.stringify(r?.status === 'failed' ? { d: r.delivery, m: r.error.message } : r))
  try {
    const res = await client.api.updateMainStatus({ query: { open_id: 'o' }, body: { Data: [{ CateID: 1, BizAPPID: 'a392qXwK8L5GDUWhFoC01cKwoy7tmehg', ResourceID: 'baidu-order-0', Status: 200 }] } })
    console.log('API', text, JSON.stringify(res))
  } catch (e: any) { console.log('API ERR', text, e.delivery, e.message) }
})

it('cyclic', () => {
  const o: any = { ...platformDescriptor.makeOrder(0), createdAt: 1, modifiedAt: 2 }
  o.self = o
  o.lines[0].again = o
  try { toBaiduOrder(o, { appKey: 'k' }); console.log('NO THROW') } catch (e: any) { console.log('CYCLIC', e.name, e.message) }
})
