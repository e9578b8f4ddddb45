export {
  instantAsEpochMillisString,
  instantAsIsoString,
  instantAsUnixSeconds,
  instantAsWallClock,
} from './instant-codecs.ts'
export { moneyAsMajorUnitNumber, moneyAsMinorUnitInteger } from './money-codecs.ts'
export { omitUndefined, type WithoutUndefined } from './omit-undefined.ts'
