import type { OrderSyncPlatformV1, PlatformSandbox } from '@ordersync/core'
import { CliError, exitCodes } from '../cli-error.ts'
import { findConfigFile, type LoadedConfig, loadConfig } from '../config/load-config.ts'
import { type OrderRecord, readAllOrderRecords } from '../input/read-order-records.ts'
import { findInstalledPlatforms, requireInstalled } from '../platforms/find-platforms.ts'
import { clientAgainstSandbox, clientFromConfig } from '../platforms/platform-client.ts'
import { offlineSandbox } from '../sandbox/sandbox-target.ts'
import { colorsFor } from '../terminal/colors.ts'
import { explainOrder } from './explain-order.ts'
import { renderExplanation, type SettingsSource } from './explain-output.ts'

/** The options of `ordersync explain`. */
export interface ExplainOptions {
  readonly platform?: readonly string[]
  readonly id?: string
  readonly json?: boolean
  readonly config?: string
  readonly sandbox?: boolean
}

/** The platform ids named (`--platform a,b --platform c`), each once, in the order named. */
export function platformList(named: readonly string[] | undefined): string[] | undefined {
  if (named === undefined || named.length === 0) return undefined
  return [
    ...new Set(
      named
        .flatMap((value) => value.split(','))
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ]
}

function pickRecord(records: readonly OrderRecord[], input: string, id: string | undefined) {
  const orders = records.filter((record) => record.kind === 'order')
  if (id !== undefined) {
    const found = orders.find((record) => (record.value as { id?: unknown } | null)?.id === id)
    if (found === undefined)
      throw new CliError(`${input} has no order with id ${JSON.stringify(id)}`)
    return found
  }
  const [only] = records
  if (records.length === 1 && only !== undefined) {
    if (only.kind === 'malformed')
      throw new CliError(`${input}: line ${only.line} is ${only.reason}`)
    return only
  }
  if (records.length === 0) throw new CliError(`${input} holds no order`)
  throw new CliError(
    `${input} holds ${records.length} orders: name the one to explain with --id <order id>`,
  )
}

/** Where the clients' settings came from, for the note above the platforms. */
function settingsSource(
  options: ExplainOptions,
  config: LoadedConfig | undefined,
  fromConfig: readonly string[],
): SettingsSource {
  if (config !== undefined && fromConfig.length > 0)
    return { kind: 'config', name: config.name, platforms: fromConfig }
  if (options.sandbox === true) return { kind: 'sandbox', because: 'flag' }
  if (config === undefined) return { kind: 'sandbox', because: 'no-config' }
  return { kind: 'sandbox', because: 'not-configured', name: config.name }
}

/**
 * `ordersync explain <order.json | ->`: validates the canonical order, then shows what each
 * platform would send — its payload and warnings — or why it refuses. Nothing is sent.
 *
 * @returns The exit status: 0 when every platform would send it, 1 when the order is invalid or
 *   a platform refuses it.
 */
export async function runExplain(
  input: string,
  options: ExplainOptions,
  cwd: string,
): Promise<number> {
  const record = pickRecord(await readAllOrderRecords(input, cwd), input, options.id)
  const installed = findInstalledPlatforms(cwd)
  const ids = platformList(options.platform) ?? [...installed.keys()].sort()
  if (ids.length === 0) {
    throw new CliError(
      'no platform package is installed: npm install @ordersync/youshu (or alipayplus, baidu, wechat, wixtar) beside @ordersync/cli',
    )
  }
  for (const id of ids) requireInstalled(id, installed)
  const configFile = options.sandbox === true ? undefined : findConfigFile(cwd, options.config)
  const config: LoadedConfig | undefined =
    configFile === undefined ? undefined : await loadConfig(configFile)
  let sandbox: PlatformSandbox | undefined
  const clients: { client: OrderSyncPlatformV1<unknown>; settings: 'config' | 'sandbox' }[] = []
  for (const id of ids) {
    if (config?.config.platforms[id] !== undefined) {
      clients.push({ client: await clientFromConfig(id, config, installed), settings: 'config' })
    } else {
      sandbox ??= await offlineSandbox()
      clients.push({
        client: await clientAgainstSandbox(id, sandbox, installed),
        settings: 'sandbox',
      })
    }
  }
  const explanation = explainOrder(record.value, clients)
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(explanation, null, 2)}\n`)
  } else {
    const fromConfig = clients
      .filter((each) => each.settings === 'config')
      .map((each) => each.client.platform)
    process.stdout.write(
      renderExplanation(explanation, {
        colors: colorsFor(process.stdout),
        width: process.stdout.columns ?? 100,
        settings: settingsSource(options, config, fromConfig),
      }),
    )
  }
  const refused = explanation.platforms.some((platform) => platform.verdict === 'refuses')
  return !explanation.valid || refused ? exitCodes.someFailed : exitCodes.ok
}
