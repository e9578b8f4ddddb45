export {
  type AfterSaleStatus,
  type AfterSaleType,
  afterSaleStatuses,
  afterSaleTypes,
  openOrSucceededAfterSaleStatuses,
} from './after-sale-status.ts'
export {
  isOrderStatus,
  type OrderStatus,
  orderStatuses,
  terminalOrderStatuses,
  unpaidOrderStatuses,
} from './order-status.ts'
export {
  checkOrderStatusTransition,
  type OrderStatusTransitionCheck,
  type OrderStatusTransitionContext,
  orderStatusSteps,
  reachableOrderStatuses,
} from './order-status-transitions.ts'
