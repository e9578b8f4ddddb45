// How the repository's own checks (install-alone, runtimes) make an Alipay+ client against the
// sandbox and an order it accepts. Plain JavaScript with no Node modules: it also runs in the
// web-only runtime. Every platform package has one of these (scripts/platform-recipes/<folder>.mjs).

/** The sandbox module's platform name. */
export const sandboxPlatform = 'alipayplus'

/**
 * A client of the package (`exports` are the package's exports) against a started sandbox, with
 * the platform public key so that every response's signature is verified.
 */
export function createClient(exports, sandbox) {
  const { clientId, privateKey, appId, platformPublicKey } = sandbox.credentials.alipayplus
  return exports.createAlipayPlus({
    baseURL: sandbox.url,
    clientId,
    privateKey,
    appId,
    platformPublicKey,
    customerBelongsTo: 'ALIPAY_HK',
  })
}

/** An order the sandbox accepts (`fixtures` are @ordersync/core/fixtures' exports). */
export function makeOrder(fixtures, id) {
  return { ...fixtures.alipayPlusDocumentOrder, id }
}

/**
 * An answer the sandbox can be made to give without a valid signature: the client must refuse it
 * (response verification).
 */
export const unsignedAnswer = {
  result: { resultStatus: 'S', resultCode: 'SUCCESS', resultMessage: 'success' },
}

/** Checks of what the package computes itself, run in the web-only runtime too. */
export async function selfChecks(exports, sandbox) {
  const { clientId, privateKey } = sandbox.credentials.alipayplus
  const header = await exports.signAlipayPlusRequest({
    method: 'POST',
    path: '/api/open/v2/miniprogram/order/sync',
    clientId,
    requestTime: '2022-04-20T10:38:09.123+08:00',
    body: '{}',
    privateKey,
    keyVersion: 1,
  })
  return [
    {
      what: 'RSA256 request signature header (WebCrypto RSASSA-PKCS1-v1_5, SHA-256)',
      actual:
        /^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/.test(header) &&
        header.length > 300,
      expected: true,
    },
  ]
}
