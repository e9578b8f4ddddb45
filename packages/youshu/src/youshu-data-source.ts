import { ApiCallError, createSharedWork } from '@ordersync/core'
import { type YoushuRetcodeMeaning, youshuRetcodeMeaning } from './youshu-errors.ts'

/**
 * The data source a Youshu client reports into (see {@link createYoushuDataSource}).
 *
 * @internal
 * @example
 * ```ts
 * // type-checked only: the client makes its data source; a user calls youshu.resolveDataSourceId()
 * const id = await dataSource.resolve(signal)
 * ```
 */
export interface YoushuDataSource {
  /**
   * The data source id: the setting, the cached one, or the one the shared lookup finds.
   *
   * @param signal - This caller's signal: it stops waiting for the lookup, which goes on while
   *   another caller still waits for it.
   */
  resolve(signal?: AbortSignal): Promise<string>
  /**
   * Forgets a looked-up data source when `error` says Youshu does not know it (a `knownRetcodes`
   * code meaning `unknown_data_source`, e.g. after the sandbox was reset), so that the next call
   * looks it up again. A `dataSourceId` setting is never forgotten.
   *
   * @param error - What a call that carried the data source `used` threw.
   * @param used - The data source id that call carried.
   */
  forgetIfUnknown(error: unknown, used: string): void
}

/**
 * The data source of a Youshu client: the `dataSourceId` setting, or found or created once and
 * cached. One lookup serves every caller and runs on its own signal, aborted once no caller waits
 * any more (core's `createSharedWork`), so that nothing is sent, and no retry timer waits, after
 * the runs that asked have settled; each caller stops waiting on its own signal. A failed or
 * abandoned lookup is not cached.
 *
 * @internal
 * @param setting - The `dataSourceId` setting, if any.
 * @param knownRetcodes - The client's `knownRetcodes`, which say which code means an unknown data source.
 * @param find - Finds or creates the merchant's data source.
 * @returns The data source.
 * @example
 * ```ts
 * const dataSource = createYoushuDataSource(undefined, {}, async () => '101')
 * await dataSource.resolve() // '101'
 * ```
 */
export function createYoushuDataSource(
  setting: string | undefined,
  knownRetcodes: Readonly<Record<number, YoushuRetcodeMeaning>>,
  find: (signal: AbortSignal) => Promise<string>,
): YoushuDataSource {
  const cache: { id: string | undefined } = { id: setting }
  const lookup = createSharedWork(find)
  return {
    async resolve(signal) {
      if (cache.id !== undefined) return cache.id
      const id = await lookup.join(signal)
      cache.id = id
      return id
    },
    forgetIfUnknown(error, used) {
      if (setting === undefined && cache.id === used && isUnknownDataSource(error, knownRetcodes))
        cache.id = undefined
    },
  }
}

function isUnknownDataSource(
  error: unknown,
  knownRetcodes: Readonly<Record<number, YoushuRetcodeMeaning>>,
): boolean {
  return (
    ApiCallError.isInstance(error) &&
    typeof error.platformCode === 'number' &&
    youshuRetcodeMeaning(error.platformCode, knownRetcodes) === 'unknown_data_source'
  )
}
