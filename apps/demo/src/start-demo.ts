import { createDefaultSandboxModules, type Sandbox, startSandbox } from '@ordersync/sandbox'
import { createDemoApi } from './demo-api.ts'
import { startDemoServer } from './demo-server.ts'
import { loadDemoPlatforms } from './platform-registry.ts'

/** A running demo: the sandbox and the page's server. */
export interface RunningDemo {
  /** The page's address. */
  readonly url: string
  readonly sandbox: Sandbox
  close(): Promise<void>
}

/**
 * Starts the sandbox with every platform module, the demo's clients against it (from every
 * platform package's descriptor) and the page's server, all on loopback.
 *
 * @param options - The page's port (0 for a free one) and the folder of the built page.
 * @returns The running demo.
 */
export async function startDemo(options: {
  readonly port: number
  readonly pageDirectory: string
}): Promise<RunningDemo> {
  const platforms = await loadDemoPlatforms()
  const sandbox = await startSandbox({ modules: createDefaultSandboxModules() })
  try {
    const server = await startDemoServer({
      api: createDemoApi(sandbox, platforms),
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
