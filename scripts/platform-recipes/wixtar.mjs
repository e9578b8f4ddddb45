// How the repository's own checks (install-alone, runtimes) make a Wixtar client against the
// sandbox and an order it accepts. Plain JavaScript with no Node modules: it also runs in the
// web-only runtime. Every platform package has one of these (scripts/platform-recipes/<folder>.mjs).

/** The sandbox module's platform name. */
export const sandboxPlatform = 'wixtar'

/** A client of the package (`exports` are the package's exports) against a started sandbox. */
export function createClient(exports, sandbox) {
  const { clientId, clientSecret } = sandbox.credentials.wixtar
  return exports.createWixtar({
    clientId,
    clientSecret,
    baseURL: sandbox.url,
    tokenURL: `${sandbox.url}/oauth/v1/token`,
    // No amountScale: the client's default units are the vendor's sample's (charges and payments in
    // whole dollars, item prices in cents), which the default sandbox module reads too.
  })
}

/** An order the sandbox accepts (`fixtures` are @ordersync/core/fixtures' exports). */
export function makeOrder(fixtures, id) {
  return {
    ...fixtures.wixtarDocumentOrder,
    id,
    buyer: { name: 'Wang Daming', phone: '0910100000' },
  }
}
