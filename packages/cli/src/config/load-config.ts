import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { CliError, firstLine } from '../cli-error.ts'
import type { OrdersyncConfig } from './define-config.ts'

/** The names the command looks for, in this order, in the folder it runs in. */
export const configFileNames = [
  'ordersync.config.ts',
  'ordersync.config.mts',
  'ordersync.config.js',
  'ordersync.config.mjs',
  'ordersync.config.json',
] as const

const platformSettingsSchema = z.strictObject({
  settings: z.record(z.string(), z.unknown()).optional(),
  env: z
    .record(
      z.string(),
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable'),
    )
    .optional(),
})

const configSchema = z.strictObject({
  platforms: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, 'a platform id is lower case, like youshu'),
    z.union(
      [
        z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function'),
        platformSettingsSchema,
      ],
      {
        error: 'must be { settings, env } or a function that returns the client',
      },
    ),
  ),
  concurrency: z.int().min(1).optional(),
  lateArrivalMs: z.int().min(0).optional(),
  ledger: z.union([z.string().min(1), z.literal(false)]).optional(),
})

/**
 * The name of a setting that holds a credential (`appSecret`, `clientSecret`, `privateKey`, an
 * access token, a password): read from an environment variable, never written in the file.
 */
const credentialSetting = /(secret|password|privatekey|token)$/i

/**
 * Refuses a credential written in a platform's `settings`: it belongs in `env`, which names the
 * environment variable to read it from. The value is never shown. (A platform given as a function
 * cannot be checked.)
 *
 * @throws {@link CliError} naming the setting and how to read it from the environment.
 */
function refuseCredentialSettings(config: OrdersyncConfig, name: string): void {
  for (const [id, platform] of Object.entries(config.platforms)) {
    if (typeof platform === 'function') continue
    const setting = Object.keys(platform.settings ?? {}).find((key) => credentialSetting.test(key))
    if (setting === undefined) continue
    throw new CliError(
      `${name}: platforms.${id}.settings.${setting} is a credential: read it from an environment variable with "env": { "${setting}": "<VARIABLE>" }`,
    )
  }
}

/** A configuration, read and checked, with where it came from. */
export interface LoadedConfig {
  readonly config: OrdersyncConfig
  /** The file. */
  readonly file: string
  /** Its name, for messages. */
  readonly name: string
  /** Its folder: relative paths in it (the ledger) are read from there. */
  readonly directory: string
}

/** The configuration file `--config` names, or the first of {@link configFileNames} in `cwd`. */
export function findConfigFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit)
    if (!existsSync(file)) throw new CliError(`the configuration file ${explicit} does not exist`)
    return file
  }
  return configFileNames.map((name) => resolve(cwd, name)).find((file) => existsSync(file))
}

/**
 * Reads and checks the configuration. A `.json` file is parsed; any other is imported (Node runs
 * a TypeScript file directly, stripping its types) and its default export taken.
 *
 * @throws {@link CliError} naming the file and, for a wrong value, its path in the file.
 */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const name = basename(file)
  let value: unknown
  try {
    if (file.endsWith('.json')) value = JSON.parse(readFileSync(file, 'utf8'))
    else {
      const imported = (await import(pathToFileURL(file).href)) as { default?: unknown }
      value = imported.default
    }
  } catch (error) {
    throw new CliError(`cannot load ${name}: ${firstLine(error)}`, undefined, { cause: error })
  }
  if (value === undefined) {
    throw new CliError(
      `${name} has no default export: export default defineConfig({ platforms: { … } })`,
    )
  }
  const parsed = configSchema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.map(String).join('.') || '(the configuration)'
    throw new CliError(`${name}: ${path}: ${issue?.message ?? 'invalid'}`)
  }
  refuseCredentialSettings(parsed.data as OrdersyncConfig, name)
  return { config: parsed.data as OrdersyncConfig, file, name, directory: dirname(file) }
}
