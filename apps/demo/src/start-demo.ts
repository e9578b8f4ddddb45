import {
  createDefaultSandboxModules,
  createWixtarSandboxModule,
  type Sandbox,
  startSandbox,
} from '@ordersync/sandbox'
import { createDemoApi } from './demo-api.ts'
import { startDemoServer } from './demo-server.ts'
import { platformRegistry } from './platform-registry.ts'

/** A running demo: the sandbox and the page's server. */
export interface RunningDemo {
  /** The page's address. */
  readonly url: string
  readonly sandbox: Sandbox
  close(): Promise<void>
}

/**
 * Starts the sandbox with every platform module, the demo's clients against it (from the
 * platform registry) and the page's server, all on loopback.
 *
 * @param options - The page's port (0 for a free one) and the folder of the built page.
 * @returns The running demo.
 */
export async function startDemo(options: {
  readonly port: number
  readonly pageDirectory: string
}): Promise<RunningDemo> {
  // Wixtar's client and module default to the units of Wixtar's example (charges and payments in
  // whole dollars), and the client refuses an amount with cents in those groups rather than round
  // it. The demo's samples and generated batches are CNY orders with cents, so both sides of
  // Wixtar run in cents everywhere here (platform-registry.ts sets the client's).
  const modules = createDefaultSandboxModules().map((module) =>
    module.platform === 'wixtar'
      ? createWixtarSandboxModule({ amountScale: { charges: 2, items: 2, payments: 2 } })
      : module,
  )
  const sandbox = await startSandbox({ modules })
  try {
    const server = await startDemoServer({
      api: createDemoApi(sandbox, platformRegistry),
      pageDirectory: options.pageDirectory,
      port: options.port,
    })
    return {
      url: server.url,
      sandbox,
      close: async () => {
        await server.close()
        await sandbox.close()
      },
    }
  } catch (error) {
    await sandbox.close()
    throw error
  }
}
