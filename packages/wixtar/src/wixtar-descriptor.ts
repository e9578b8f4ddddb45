import type {
  OrderInput,
  PlatformClientOverrides,
  PlatformDescriptor,
  PlatformSandbox,
} from '@ordersync/core'
import type { WixtarPreparedOrder } from './convert-to-wixtar-order.ts'
import { createWixtar, type WixtarClient } from './wixtar-client.ts'
import { wixtarDocumentOrder } from './wixtar-document-order.ts'
import { WixtarNotReportableError } from './wixtar-not-reportable-error.ts'

function wixtarAgainst(
  sandbox: PlatformSandbox,
  overrides: PlatformClientOverrides,
  clientSecret?: string,
): WixtarClient {
  const credentials = sandbox.credentials.wixtar ?? {}
  // No amountScale: the client's default units are the vendor's sample's (charges and payments in
  // whole dollars, item prices in cents), which the default sandbox module reads too.
  return createWixtar({
    baseURL: sandbox.url,
    tokenURL: `${sandbox.url}/oauth/v1/token`,
    clientId: credentials.clientId ?? '',
    clientSecret: clientSecret ?? credentials.clientSecret ?? '',
    ...overrides,
  })
}

function makeWixtarOrder(index: number): OrderInput {
  return {
    ...wixtarDocumentOrder,
    id: `wixtar-order-${index}`,
    buyer: { name: 'Wang Daming', phone: `0910${String(index % 1_000_000).padStart(6, '0')}` },
  }
}

/**
 * What the repository's checks, the demo and the benchmark know about Wixtar's data center: a
 * client against a sandbox in the vendor sample's units, orders it accepts (finished ones: Wixtar
 * takes no other), and its faults, which are HTTP statuses (Wixtar has no answer envelope).
 *
 * @example
 * ```ts
 * import { platformDescriptor } from '@ordersync/wixtar/testing'
 *
 * const wixtar = platformDescriptor.createClient(sandbox)
 * const report = await syncOrders({ platform: wixtar, orders: [platformDescriptor.makeOrder(1)] })
 * report.succeeded // 1
 * ```
 */
export const platformDescriptor: PlatformDescriptor<WixtarPreparedOrder> = {
  id: 'wixtar',
  label: 'Wixtar',
  packageName: '@ordersync/wixtar',
  auth: 'token',
  maxBatchSize: 50,
  syncEndpoint: '/v1/data_center/order/upload',
  tokenEndpoint: '/oauth/v1/token',
  samples: [
    {
      id: 'wixtar-document',
      label: 'Wixtar order example',
      description: 'The Wixtar data center’s example order, in TWD.',
      order: wixtarDocumentOrder,
    },
  ],
  makeOrder: makeWixtarOrder,
  createClient: (sandbox, overrides = {}) => wixtarAgainst(sandbox, overrides),
  createMisconfiguredClient: (sandbox, overrides = {}) =>
    wixtarAgainst(sandbox, overrides, 'not-the-registered-client-secret'),
  // Success is any 2xx and a failure an HTTP status with a body of unknown shape.
  faults: {
    retryable: { status: 503, body: { message: 'Service Unavailable' } },
    nonRetryable: { status: 422, body: { message: 'The given data was invalid.' } },
    tokenInvalid: { status: 401, body: { message: 'Unauthenticated.' } },
  },
  credentialOf: (request) => {
    const header = request.headers.authorization
    return typeof header === 'string' ? header.replace(/^Bearer /, '') : undefined
  },
  secrets: (sandbox) =>
    [sandbox.credentials.wixtar?.clientSecret ?? ''].filter((value) => value !== ''),
  keyFields: [
    'order.order_id',
    'order.current_state',
    'order.store.id',
    'order.charges.total_fee.amount',
    'order.charges.total_fee.formatted_amount',
  ],
  isNotReportableYet: (error) => WixtarNotReportableError.isInstance(error),
}
