import type { OrderSyncPlatformV1, PlatformSandbox } from '@ordersync/core'
import { CliError, firstLine } from '../cli-error.ts'
import type { PlatformSettings } from '../config/define-config.ts'
import type { LoadedConfig } from '../config/load-config.ts'
import {
  type InstalledPlatform,
  loadDescriptor,
  loadFactory,
  requireInstalled,
} from './find-platforms.ts'

/** Reads the environment variable `name` for `setting`; stops the command when it is not set. */
function readVariable(name: string, setting: string, config: LoadedConfig): string {
  const value = process.env[name]
  if (value === undefined || value === '') {
    throw new CliError(
      `the environment variable ${name} is not set (${setting} in ${config.name}): set it in the environment; credentials are never taken from the command line`,
    )
  }
  return value
}

function checkClient(client: unknown, id: string, where: string): OrderSyncPlatformV1<unknown> {
  const candidate = client as Partial<OrderSyncPlatformV1<unknown>> | undefined
  if (
    candidate?.specificationVersion !== 'v1' ||
    typeof candidate.prepare !== 'function' ||
    typeof candidate.doSync !== 'function'
  ) {
    throw new CliError(`${where} did not make a platform client (OrderSyncPlatformV1)`)
  }
  if (candidate.platform !== id) {
    throw new CliError(`${where} made a client of ${String(candidate.platform)}, not ${id}`)
  }
  return candidate as OrderSyncPlatformV1<unknown>
}

async function fromSettings(
  id: string,
  entry: PlatformSettings,
  config: LoadedConfig,
  installed: ReadonlyMap<string, InstalledPlatform>,
): Promise<OrderSyncPlatformV1<unknown>> {
  const create = await loadFactory(requireInstalled(id, installed))
  const settings: Record<string, unknown> = { ...entry.settings }
  for (const [setting, variable] of Object.entries(entry.env ?? {})) {
    settings[setting] = readVariable(variable, `platforms.${id}.env.${setting}`, config)
  }
  try {
    return create(settings)
  } catch (error) {
    throw new CliError(`platforms.${id} in ${config.name}: ${firstLine(error)}`, undefined, {
      cause: error,
    })
  }
}

/**
 * The client of platform `id` as the configuration makes it: its function, or its package's
 * `create<Platform>` with its settings and the environment variables it names.
 *
 * @throws {@link CliError} when the configuration has no such platform, a variable is not set, the
 *   package is not installed or refuses the settings.
 */
export async function clientFromConfig(
  id: string,
  config: LoadedConfig,
  installed: ReadonlyMap<string, InstalledPlatform>,
): Promise<OrderSyncPlatformV1<unknown>> {
  const entry = config.config.platforms[id]
  const where = `platforms.${id} in ${config.name}`
  if (entry === undefined) {
    const configured = Object.keys(config.config.platforms).sort().join(', ') || 'none'
    throw new CliError(`${config.name} has no platform ${id} (it has ${configured})`)
  }
  if (typeof entry !== 'function') {
    return checkClient(await fromSettings(id, entry, config, installed), id, where)
  }
  let client: unknown
  try {
    client = await entry({
      platform: id,
      env: (name) => readVariable(name, `platforms.${id}`, config),
    })
  } catch (error) {
    if (error instanceof CliError) throw error
    throw new CliError(`${where}: ${firstLine(error)}`, undefined, { cause: error })
  }
  return checkClient(client, id, where)
}

/** The client of platform `id` against a sandbox, with the sandbox's credentials. */
export async function clientAgainstSandbox(
  id: string,
  sandbox: PlatformSandbox,
  installed: ReadonlyMap<string, InstalledPlatform>,
): Promise<OrderSyncPlatformV1<unknown>> {
  const descriptor = await loadDescriptor(requireInstalled(id, installed))
  if (sandbox.credentials[id] === undefined) {
    throw new CliError(
      `the sandbox at ${sandbox.url} does not serve ${id}: upgrade @ordersync/sandbox`,
    )
  }
  return descriptor.createClient(sandbox)
}
