export { allocateMoney } from './allocate-money.ts'
export {
  type CurrencyCode,
  currencyExponent,
  currencyExponents,
  isCurrencyCode,
} from './currency.ts'
export { formatMoney } from './format-money.ts'
export { isMoney, type Money, money } from './money.ts'
export {
  addMoney,
  compareMoney,
  equalsMoney,
  multiplyMoney,
  subtractMoney,
  sumMoney,
} from './money-arithmetic.ts'
export { parseMoney } from './parse-money.ts'
