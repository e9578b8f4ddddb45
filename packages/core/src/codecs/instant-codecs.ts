import * as t from 'io-ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import {
  formatEpochMillisString,
  formatIsoInstant,
  formatWallClock,
  type IsoFormatOptions,
  parseEpochMillisString,
  parseWallClock,
  toUnixSeconds,
} from '../time/format-instant.ts'
import { fromUnixSeconds, type Instant, isInstant, toInstant } from '../time/instant.ts'
import type { TimeZone } from '../time/time-zone.ts'

function reason(error: unknown): string {
  return OrderSyncError.isInstance(error) && 'reason' in error
    ? String(error.reason)
    : String(error)
}

function instantCodec<Wire>(
  name: string,
  isWire: (input: unknown) => input is Wire,
  expected: string,
  read: (wire: Wire) => Instant,
  write: (instant: Instant) => Wire,
): t.Type<Instant, Wire, unknown> {
  return new t.Type<Instant, Wire, unknown>(
    name,
    isInstant,
    (input, context) => {
      if (!isWire(input)) return t.failure(input, context, expected)
      try {
        return t.success(read(input))
      } catch (error) {
        return t.failure(input, context, reason(error))
      }
    },
    write,
  )
}

const isNumber = (input: unknown): input is number => typeof input === 'number'
const isString = (input: unknown): input is string => typeof input === 'string'

/**
 * The codec between an {@link Instant} and Unix **seconds** (Baidu `Ctime`/`Mtime`).
 *
 * @example
 * ```ts
 * instantAsUnixSeconds.encode(toInstant('2009-01-29T06:59:03Z')) // 1233212343
 * ```
 */
export const instantAsUnixSeconds: t.Type<Instant, number, unknown> = instantCodec(
  'UnixSeconds',
  isNumber,
  'expected integer Unix seconds',
  fromUnixSeconds,
  toUnixSeconds,
)

/**
 * The codec between an {@link Instant} and a 13-digit epoch-millisecond **string** (Youshu
 * `create_time`, `status_change_time`).
 *
 * @example
 * ```ts
 * instantAsEpochMillisString.encode(toInstant(1572395131732)) // '1572395131732'
 * ```
 */
export const instantAsEpochMillisString: t.Type<Instant, string, unknown> = instantCodec(
  'EpochMillisString',
  isString,
  'expected a 13-digit millisecond string',
  parseEpochMillisString,
  formatEpochMillisString,
)

/**
 * The codec between an {@link Instant} and ISO 8601 text with the offset of an explicit zone
 * (Alipay+ times, Wixtar `placed_at`). Decoding accepts any offset.
 *
 * @param zone - The zone to write.
 * @param options - Whether to write milliseconds.
 * @returns An io-ts codec `Instant ⇄ string`.
 * @example
 * ```ts
 * instantAsIsoString('+08:00').encode(toInstant('2022-04-20T02:38:09Z')) // '2022-04-20T10:38:09+08:00'
 * ```
 */
export function instantAsIsoString(
  zone: TimeZone,
  options: IsoFormatOptions = {},
): t.Type<Instant, string, unknown> {
  return instantCodec(
    `IsoString<${zone}>`,
    isString,
    'expected an ISO 8601 string with an offset',
    (text) => toInstant(text),
    (instant) => formatIsoInstant(instant, zone, options),
  )
}

/**
 * The codec between an {@link Instant} and a `yyyy-MM-dd HH:mm:ss` wall clock in an explicit zone
 * (WeChat `create_time` in Beijing time).
 *
 * @param zone - The zone the wall clock is read and written in.
 * @returns An io-ts codec `Instant ⇄ string`.
 * @example
 * ```ts
 * instantAsWallClock('+08:00').encode(toInstant('2020-03-25T05:05:25Z')) // '2020-03-25 13:05:25'
 * ```
 */
export function instantAsWallClock(zone: TimeZone): t.Type<Instant, string, unknown> {
  return instantCodec(
    `WallClock<${zone}>`,
    isString,
    'expected a wall clock "yyyy-MM-dd HH:mm:ss"',
    (text) => parseWallClock(text, zone),
    (instant) => formatWallClock(instant, zone),
  )
}
