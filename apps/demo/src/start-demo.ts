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

/** A demo started by {@link startDemoOnPreferredPort}, and what to say about its port. */
export interface DemoOnPort {
  readonly demo: RunningDemo
  /** Why the demo is not on the preferred port, when it is not. */
  readonly portNotice: string | undefined
}

/**
 * Starts the demo on the preferred port, or, when another program listens on it, on a free one,
 * with a line that says which and why.
 *
 * @param options - The preferred port and the folder of the built page.
 * @returns The running demo and the port's notice.
 */
export async function startDemoOnPreferredPort(options: {
  readonly preferredPort: number
  readonly pageDirectory: string
}): Promise<DemoOnPort> {
  const { preferredPort, pageDirectory } = options
  try {
    return { demo: await startDemo({ port: preferredPort, pageDirectory }), portNotice: undefined }
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error
  }
  const demo = await startDemo({ port: 0, pageDirectory })
  const chosen = new URL(demo.url).port
  return {
    demo,
    portNotice: `Port ${preferredPort} is taken (another program is listening on it), so the demo chose port ${chosen}. Set ORDERSYNC_DEMO_PORT to pick the port.`,
  }
}
