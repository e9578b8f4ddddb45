import { CliError, exitCodes } from '../cli-error.ts'
import { platformList } from '../explain/explain-command.ts'
import {
  findInstalledPlatforms,
  loadDescriptor,
  requireInstalled,
} from '../platforms/find-platforms.ts'

/** The options of `ordersync sample`. */
export interface SampleOptions {
  readonly platform?: readonly string[]
  readonly count?: number
  readonly from?: number
}

/**
 * `ordersync sample --platform <id> [--count N] [--from N]`: prints N valid orders of the
 * platform (its descriptor's `makeOrder`: ids `<platform>-order-<N>`) as JSON Lines — orders to
 * try `sync` and `explain` on, against the sandbox.
 */
export async function runSample(options: SampleOptions, cwd: string): Promise<number> {
  const ids = platformList(options.platform)
  const [id] = ids ?? []
  if (ids === undefined || ids.length !== 1 || id === undefined) {
    throw new CliError('name one platform: ordersync sample --platform <id>')
  }
  const descriptor = await loadDescriptor(requireInstalled(id, findInstalledPlatforms(cwd)))
  const from = options.from ?? 1
  const count = options.count ?? 10
  let buffer = ''
  for (let index = from; index < from + count; index += 1) {
    buffer += `${JSON.stringify(descriptor.makeOrder(index))}\n`
    if (buffer.length > 64 * 1024) {
      process.stdout.write(buffer)
      buffer = ''
    }
  }
  process.stdout.write(buffer)
  return exitCodes.ok
}
