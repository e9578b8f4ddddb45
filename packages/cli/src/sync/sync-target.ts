import { resolve } from 'node:path'
import type { OrderSyncPlatformV1 } from '@ordersync/core'
import { CliError } from '../cli-error.ts'
import {
  configFileNames,
  findConfigFile,
  type LoadedConfig,
  loadConfig,
} from '../config/load-config.ts'
import { platformList } from '../explain/explain-command.ts'
import { findInstalledPlatforms } from '../platforms/find-platforms.ts'
import { clientAgainstSandbox, clientFromConfig } from '../platforms/platform-client.ts'
import { connectSandbox, type SandboxTarget, startSandboxHere } from '../sandbox/sandbox-target.ts'

/** Where `ordersync sync` sends, and with what. */
export interface SyncTarget {
  readonly platform: string
  readonly client: OrderSyncPlatformV1<unknown>
  /** For the report: `the sandbox at …`, or the configuration's name. */
  readonly description: string
  /** The ledger file, or none (`--no-ledger`, `ledger: false`, a sandbox without `--ledger`). */
  readonly ledgerPath: string | undefined
  readonly concurrency: number
  readonly lateArrivalMs: number
  /** The sandbox it sends to, if any: closed when the run ends. */
  readonly sandbox: SandboxTarget | undefined
}

/** The options of `ordersync sync` that choose the target. */
export interface TargetOptions {
  readonly platform?: readonly string[]
  readonly config?: string
  readonly sandbox?: boolean
  readonly sandboxUrl?: string
  /** A file, or `false` (`--no-ledger`). */
  readonly ledger?: string | false
  readonly concurrency?: number
  readonly lateArrivalMs?: number
}

function onePlatform(
  named: readonly string[] | undefined,
  available: readonly string[],
  where: string,
): string {
  const ids = platformList(named)
  if (ids !== undefined) {
    const [id] = ids
    if (ids.length > 1 || id === undefined) {
      throw new CliError(
        'sync one platform at a time: --platform <id> (run the command once per platform)',
      )
    }
    return id
  }
  const [only] = available
  if (available.length === 1 && only !== undefined) return only
  if (available.length === 0)
    throw new CliError(`${where} has no platform: name one with --platform <id>`)
  throw new CliError(
    `name the platform to sync: --platform <id> (${where}: ${available.join(', ')})`,
  )
}

function missingConfig(cwd: string): CliError {
  return new CliError(
    `no configuration: none of ${configFileNames.join(', ')} in ${cwd}; write one (export default defineConfig({ platforms: … })) or pass --config <file>, or try it first against a local sandbox with --sandbox`,
  )
}

async function sandboxTarget(options: TargetOptions, cwd: string): Promise<SyncTarget> {
  const installed = findInstalledPlatforms(cwd)
  const platform = onePlatform(
    options.platform,
    [...installed.keys()].sort(),
    'the installed platform packages',
  )
  const sandbox =
    options.sandboxUrl === undefined
      ? await startSandboxHere()
      : await connectSandbox(options.sandboxUrl)
  try {
    return {
      platform,
      client: await clientAgainstSandbox(platform, sandbox, installed),
      description: sandbox.started
        ? `to a sandbox started for this run on ${sandbox.url}`
        : `to the sandbox at ${sandbox.url}`,
      // A sandbox forgets its orders when it stops: a ledger only when asked for.
      ledgerPath: typeof options.ledger === 'string' ? resolve(cwd, options.ledger) : undefined,
      concurrency: options.concurrency ?? 8,
      lateArrivalMs: options.lateArrivalMs ?? 10_000,
      sandbox,
    }
  } catch (error) {
    await sandbox.close()
    throw error
  }
}

function ledgerOf(options: TargetOptions, config: LoadedConfig, cwd: string): string | undefined {
  if (options.ledger === false) return undefined
  if (typeof options.ledger === 'string') return resolve(cwd, options.ledger)
  const configured = config.config.ledger
  if (configured === false) return undefined
  return resolve(config.directory, configured ?? '.ordersync/ledger.sqlite')
}

/**
 * Chooses where `ordersync sync` sends: a sandbox (`--sandbox` starts one in this process, with
 * no credentials at all; `--sandbox-url` uses a running one), or the platform as the configuration
 * makes its client, its credentials read from the environment.
 */
export async function resolveSyncTarget(options: TargetOptions, cwd: string): Promise<SyncTarget> {
  if (options.sandbox === true && options.sandboxUrl !== undefined) {
    throw new CliError(
      '--sandbox starts a sandbox and --sandbox-url uses a running one: pass one of them',
    )
  }
  if (options.sandbox === true || options.sandboxUrl !== undefined)
    return sandboxTarget(options, cwd)
  const file = findConfigFile(cwd, options.config)
  if (file === undefined) throw missingConfig(cwd)
  const config = await loadConfig(file)
  const platform = onePlatform(
    options.platform,
    Object.keys(config.config.platforms).sort(),
    config.name,
  )
  const client = await clientFromConfig(platform, config, findInstalledPlatforms(cwd))
  return {
    platform,
    client,
    description: `with the client of ${config.name}`,
    ledgerPath: ledgerOf(options, config, cwd),
    concurrency: options.concurrency ?? config.config.concurrency ?? 8,
    lateArrivalMs: options.lateArrivalMs ?? config.config.lateArrivalMs ?? 10_000,
    sandbox: undefined,
  }
}
