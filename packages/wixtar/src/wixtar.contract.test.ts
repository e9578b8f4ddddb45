import { wixtarDocumentOrder } from '@ordersync/core/fixtures'
import {
  createWixtarSandboxModule,
  type FaultAction,
  type Sandbox,
  startSandbox,
} from '@ordersync/sandbox'
import { testPlatform } from '@ordersync/sandbox/testing'
import { createWixtar } from './wixtar-client.ts'

let clientSecret = ''

// Wixtar has no answer envelope: success is any 2xx, and its faults are HTTP statuses (401, 429,
// 5xx, 4xx) with a body of unknown shape. The suite injects its faults as bodies; this stand-in
// for the sandbox turns each of the three below into the HTTP answer it stands for.
const faults = {
  retryable: { status: 503, body: { message: 'Service Unavailable' } },
  nonRetryable: { status: 422, body: { message: 'The given data was invalid.' } },
  tokenInvalid: { status: 401, body: { message: 'Unauthenticated.' } },
} as const

function withStatusFaults(sandbox: Sandbox): Sandbox {
  const control = new Proxy(sandbox.control, {
    get(target, property, receiver) {
      if (property !== 'injectFault') return Reflect.get(target, property, receiver)
      return (fault: Parameters<Sandbox['control']['injectFault']>[0]) => {
        const answer = Object.values(faults).find(
          (candidate) => fault.action.type === 'body' && fault.action.body === candidate,
        )
        const action: FaultAction =
          answer === undefined
            ? fault.action
            : { type: 'body', status: answer.status, body: answer.body }
        return target.injectFault({ ...fault, action })
      }
    },
  })
  return new Proxy(sandbox, {
    get: (target, property, receiver) =>
      property === 'control' ? control : Reflect.get(target, property, receiver),
  })
}

testPlatform({
  name: 'wixtar',
  capabilities: { auth: 'token', maxBatchSize: 50 },
  startSandbox: async () => {
    // Both on their defaults: the units of the document's example (charges and payments in whole
    // dollars, item prices in cents).
    const sandbox = await startSandbox({ modules: [createWixtarSandboxModule()] })
    clientSecret = sandbox.credentials.wixtar?.clientSecret ?? ''
    return withStatusFaults(sandbox)
  },
  sandboxPlatform: 'wixtar',
  syncEndpoint: '/v1/data_center/order/upload',
  createClient: (sandbox, { retry, hooks, fetch }) =>
    createWixtar({
      clientId: sandbox.credentials.wixtar?.clientId ?? '',
      clientSecret: sandbox.credentials.wixtar?.clientSecret ?? '',
      baseURL: sandbox.url,
      tokenURL: `${sandbox.url}/oauth/v1/token`,
      retry,
      hooks,
      fetch,
    }),
  createMisconfiguredClient: (sandbox, { retry, hooks, fetch }) =>
    createWixtar({
      clientId: sandbox.credentials.wixtar?.clientId ?? '',
      clientSecret: 'not-the-registered-client-secret',
      baseURL: sandbox.url,
      tokenURL: `${sandbox.url}/oauth/v1/token`,
      retry,
      hooks,
      fetch,
    }),
  makeOrder: (index) => ({
    ...wixtarDocumentOrder,
    id: `wixtar-contract-${index}`,
    buyer: { name: 'Wang Daming', phone: `0910${String(100000 + index).padStart(6, '0')}` },
  }),
  faultBodies: faults,
  credentialOf: (entry) => {
    const header = entry.headers.authorization
    return typeof header === 'string' ? header.replace(/^Bearer /, '') : undefined
  },
  get secrets() {
    return [clientSecret].filter((value) => value !== '')
  },
})
