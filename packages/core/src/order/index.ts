export {
  allocateOrderDiscounts,
  type LineDiscountAllocation,
  type OrderDiscountAllocation,
} from './allocate-order-discounts.ts'
export { checkOrderConsistency } from './check-order-consistency.ts'
export { checkPlatformOptions } from './check-platform-options.ts'
export { lazySchema } from './lazy-schema.ts'
export {
  instantSchema,
  maxModifierDepth,
  moneySchema,
  nonNegativeMoneySchema,
  orderSchema,
} from './order-schema.ts'
export type {
  Address,
  AfterSale,
  Buyer,
  Charges,
  Delivery,
  DeliveryPackage,
  Discount,
  DiscountLevel,
  Fee,
  LinePlatformOptions,
  LinePlatformOptionsRegistry,
  Merchant,
  ModifierGroup,
  ModifierItem,
  Order,
  OrderChannel,
  OrderInput,
  OrderLine,
  OrderShape,
  OrderType,
  Payment,
  PlatformOptions,
  PlatformOptionsRegistry,
  Store,
} from './order-types.ts'
export {
  type OrderValidationResult,
  parseOrder,
  toValidationIssues,
  validateOrder,
} from './parse-order.ts'
export { requireParsedOrder } from './require-parsed-order.ts'
