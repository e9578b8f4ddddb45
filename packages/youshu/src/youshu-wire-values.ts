import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import {
  type Conversion,
  formatEpochMillisString,
  formatMoney,
  type Instant,
  type Money,
  moneyAsMajorUnitNumber,
} from '@ordersync/core'

// The values of an add_order payload within Youshu's limits: yuan numbers, 13-digit millisecond
// strings, byte-limited text and hashed phones. A value beyond a limit is a problem of the
// conversion at its canonical path, not a payload Youshu would refuse.

type Path = readonly (string | number)[]

const yuan = moneyAsMajorUnitNumber('CNY')
const encoder = new TextEncoder()
// The largest amount in fen whose yuan number (a JSON double) is exact for every value: 15
// significant digits.
const maxExactFen = 999_999_999_999_999
// The instants whose Unix milliseconds have 13 digits (Youshu's "字段长度为 13 字节").
const firstMillis = 1_000_000_000_000
const lastMillis = 9_999_999_999_999

/**
 * An amount in fen as the messages show it: `2.00 CNY`. A sum of amounts beyond the safe integer
 * range (which no single amount of an order is, but goods and freight together may be) is written
 * as more than the largest exact one, so that describing it never fails.
 *
 * @internal
 * @example
 * ```ts
 * formatCnyAmount(200) // '2.00 CNY'
 * formatCnyAmount(2 ** 54) // 'more than 90071992547409.91 CNY'
 * ```
 */
export function formatCnyAmount(fen: number): string {
  if (Number.isSafeInteger(fen)) return `${formatMoney({ amount: fen, currency: 'CNY' })} CNY`
  const largest = formatMoney({ amount: Number.MAX_SAFE_INTEGER, currency: 'CNY' })
  return fen < 0 ? `less than -${largest} CNY` : `more than ${largest} CNY`
}

/**
 * The values of one conversion's payload, each within Youshu's limits; a value beyond one is a
 * problem of the conversion, at the canonical path it comes from.
 *
 * @internal
 * @example
 * ```ts
 * const values: YoushuWireValues = youshuWireValues(conversion)
 * values.yuan({ amount: 3600, currency: 'CNY' }, ['lines', 0], 'payment_amount') // 36
 * ```
 */
export interface YoushuWireValues {
  /**
   * A yuan number, by core's one codec. A yuan number carries at most 15 significant digits
   * exactly: a larger amount — a sum of amounts too, however large — is a problem
   * (`youshu_amount_limit`) and gives 0; so is an amount of the options in another currency.
   */
  yuan(value: Money, path: Path, field: string): number
  /**
   * A 13-digit Unix time in milliseconds, as a string. An instant outside 2001-09-09 to 2286-11-20
   * is a problem (`youshu_time_limit`) and gives the first such time.
   */
  milliseconds(value: Instant, path: Path, field: string): string
  /**
   * A text within a limit in bytes of UTF-8 ("长度最大 100 字节": bytes, not characters): a longer
   * one is a problem. The text itself is returned as it is.
   */
  bytes(value: string | undefined, max: number, path: Path, field: string): string | undefined
}

/**
 * The {@link YoushuWireValues} of a conversion, whose problems they record.
 *
 * @internal
 * @param conversion - The conversion under way.
 * @returns Its values.
 * @example
 * ```ts
 * youshuWireValues(conversion).milliseconds(order.createdAt, ['createdAt'], 'create_time') // '1716170400000'
 * ```
 */
export function youshuWireValues(conversion: Conversion): YoushuWireValues {
  return {
    yuan(value, path, field) {
      if (value.currency !== 'CNY') {
        conversion.problem(
          [...path, 'currency'],
          `is ${value.currency}; Youshu's ${field} is in yuan: give it in CNY, as the order is`,
        )
        return 0
      }
      if (Math.abs(value.amount) <= maxExactFen) return yuan.encode(value)
      conversion.problem(
        path,
        `is ${formatCnyAmount(value.amount)}; Youshu's ${field} is a yuan number, which carries at most 15 significant digits exactly (up to ${formatCnyAmount(maxExactFen)})`,
        'youshu_amount_limit',
      )
      return 0
    },
    milliseconds(value, path, field) {
      if (value >= firstMillis && value <= lastMillis) return formatEpochMillisString(value)
      conversion.problem(
        path,
        `is ${new Date(value).toISOString()}; Youshu's ${field} is a 13-digit Unix time in milliseconds, so it takes instants from 2001-09-09T01:46:40.000Z to 2286-11-20T17:46:39.999Z`,
        'youshu_time_limit',
      )
      return String(firstMillis)
    },
    bytes(value, max, path, field) {
      if (value === undefined) return undefined
      // No UTF-16 unit takes more than 3 bytes of UTF-8: a text this short is within the limit
      // without encoding it (which would allocate its bytes for every field of every order).
      if (value.length * 3 <= max) return value
      const length = encoder.encode(value).length
      if (length > max)
        conversion.problem(
          path,
          `is ${length} bytes of UTF-8; Youshu's ${field} takes at most ${max} bytes`,
        )
      return value
    },
  }
}

/**
 * A Youshu flag (`is_gift`, `is_settle`, …): 1 for true, 0 for false, absent when not known.
 *
 * @internal
 * @example
 * ```ts
 * formatYoushuFlag(true) // 1
 * ```
 */
export function formatYoushuFlag(value: boolean | undefined): 0 | 1 | undefined {
  return value === undefined ? undefined : value ? 1 : 0
}

/**
 * A phone number as Youshu takes it: the lowercase hex SHA-256 (or MD5) of the trimmed number,
 * never the number itself.
 *
 * @internal
 * @example
 * ```ts
 * hashYoushuPhone('13800138000', 'sha256').length // 64
 * ```
 */
export function hashYoushuPhone(value: string, algorithm: 'sha256' | 'md5'): string {
  const input = utf8ToBytes(value.trim())
  return bytesToHex(algorithm === 'sha256' ? sha256(input) : md5(input))
}
