import type { PlatformSandbox } from '@ordersync/core'
import { CliError, firstLine } from '../cli-error.ts'

/** A sandbox the command sends to: its address and credentials, and how to let it go. */
export interface SandboxTarget extends PlatformSandbox {
  /** Stops it when the command started it; nothing for one it connected to. */
  close(): Promise<void>
  /** Whether the command started it (it forgets everything when the command ends). */
  readonly started: boolean
}

/** Starts a sandbox in this process: every platform, a free port on 127.0.0.1. */
export async function startSandboxHere(): Promise<SandboxTarget> {
  const { startSandbox } = await import('@ordersync/sandbox')
  const sandbox = await startSandbox()
  return {
    url: sandbox.url,
    credentials: sandbox.credentials,
    close: () => sandbox.close(),
    started: true,
  }
}

/**
 * Connects to a running sandbox (`ordersync sandbox`, `ordersync-sandbox`): reads the credentials
 * it serves at `/_sandbox/credentials`.
 */
export async function connectSandbox(url: string): Promise<SandboxTarget> {
  const base = url.replace(/\/+$/, '')
  let credentials: PlatformSandbox['credentials']
  try {
    const response = await fetch(`${base}/_sandbox/credentials`, {
      signal: AbortSignal.timeout(5000),
    })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    credentials = (await response.json()) as PlatformSandbox['credentials']
  } catch (error) {
    throw new CliError(
      `cannot reach a sandbox at ${url} (${firstLine(error)}): start one with \`ordersync sandbox\`, or use --sandbox to start one for this run`,
    )
  }
  return { url: base, credentials, close: async () => {}, started: false }
}

/**
 * The sandbox's credentials without a server: what `explain` needs to make each platform's client
 * (it never sends), so that it runs without a configuration or a network.
 */
export async function offlineSandbox(): Promise<PlatformSandbox> {
  const { createDefaultSandboxModules } = await import('@ordersync/sandbox')
  const credentials = Object.fromEntries(
    createDefaultSandboxModules().map((module) => [module.platform, module.credentials]),
  ) as PlatformSandbox['credentials']
  // Port 9 (discard): nothing is ever sent there.
  return { url: 'http://127.0.0.1:9', credentials }
}
