export {
  formatBeijingWallClock,
  formatEpochMillisString,
  formatIsoInstant,
  formatWallClock,
  type IsoFormatOptions,
  parseEpochMillisString,
  parseWallClock,
  toUnixSeconds,
} from './format-instant.ts'
export {
  fromUnixSeconds,
  type Instant,
  type InstantInput,
  isInstant,
  minimumEpochMilliseconds,
  toInstant,
} from './instant.ts'
export { beijingTime, formatOffset, offsetMinutesAt, type TimeZone } from './time-zone.ts'
