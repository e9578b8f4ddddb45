import type { SandboxPlatformModule } from '../sandbox-types.ts'
import { storeOrders } from './test-platform-orders.ts'

/** The sandbox side of the token-based test platform. */
export function createTokenTestPlatformModule(): SandboxPlatformModule {
  const credentials = { clientId: 'token-test-client', clientSecret: 'token-test-secret-7f3a9c' }
  const valid = new Set<string>()
  let issued = 0
  return {
    platform: 'token-test',
    credentials,
    invalidateTokens: () => valid.clear(),
    reset: () => valid.clear(),
    routes: [
      {
        method: 'POST',
        path: '/token-test/oauth/token',
        kind: 'token',
        handle(request, context) {
          const { client_id, client_secret } = (request.json ?? {}) as Record<string, unknown>
          if (client_id !== credentials.clientId || client_secret !== credentials.clientSecret) {
            return { status: 401, body: { error: 'invalid_client' } }
          }
          issued += 1
          const token = `tt-${issued}-${Math.floor(context.random() * 1e9).toString(36)}`
          valid.add(token)
          return { status: 200, body: { access_token: token, expires_in: 7200 } }
        },
      },
      {
        method: 'POST',
        path: '/token-test/orders',
        kind: 'api',
        handle(request, context) {
          const token = request.query.get('access_token')
          if (token === null || !valid.has(token)) {
            return { status: 200, body: { code: 40001, message: 'invalid access token' } }
          }
          return storeOrders(request.json, context)
        },
      },
    ],
  }
}
