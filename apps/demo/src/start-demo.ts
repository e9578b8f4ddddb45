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
  // Wixtar's module checks each formatted_amount at its default scale, the document example's
  // (charges and payments in whole units, items in cents); the demo's Wixtar client sends every
  // amount in minor units, so its module is started with that scale.
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
