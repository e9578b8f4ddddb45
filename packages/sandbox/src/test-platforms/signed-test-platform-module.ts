import { createHmac, timingSafeEqual } from 'node:crypto'
import type { SandboxPlatformModule } from '../sandbox-types.ts'
import { storeOrders } from './test-platform-orders.ts'

/**
 * The sandbox side of the signing test platform: HMAC-SHA256 over
 * `app_id=…&nonce=…&timestamp=…`, a timestamp within 300 s, and each nonce used once — so a
 * client that does not sign every attempt afresh is rejected.
 */
export function createSignedTestPlatformModule(): SandboxPlatformModule {
  const credentials = { appId: 'signed-test-app', appSecret: 'signed-test-secret-4b2d8e' }
  const usedNonces = new Set<string>()
  return {
    platform: 'signed-test',
    credentials,
    reset: () => usedNonces.clear(),
    routes: [
      {
        method: 'POST',
        path: '/signed-test/orders',
        kind: 'api',
        handle(request, context) {
          const appId = request.query.get('app_id') ?? ''
          const nonce = request.query.get('nonce') ?? ''
          const timestamp = request.query.get('timestamp') ?? ''
          const signature = request.query.get('signature') ?? ''
          const expected = createHmac('sha256', credentials.appSecret)
            .update(`app_id=${appId}&nonce=${nonce}&timestamp=${timestamp}`)
            .digest('hex')
          if (
            appId !== credentials.appId ||
            signature.length !== expected.length ||
            !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
          ) {
            return { status: 200, body: { code: 4001, message: 'signature mismatch' } }
          }
          if (Math.abs(Number(timestamp) * 1000 - context.now()) > 300_000) {
            return { status: 200, body: { code: 4002, message: 'timestamp out of range' } }
          }
          if (nonce === '' || usedNonces.has(nonce)) {
            return { status: 200, body: { code: 4003, message: 'nonce already used' } }
          }
          usedNonces.add(nonce)
          return storeOrders(request.json, context)
        },
      },
    ],
  }
}
