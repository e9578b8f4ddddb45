/**
 * The contract suite every ordersync platform package runs against its sandbox module. A
 * test-only entry point: it imports `vitest`.
 *
 * @packageDocumentation
 */
export {
  type ContractOverrides,
  type ContractSuiteOptions,
  contractRetry,
} from './contract-suite-options.ts'
export { type ConvergenceOptions, testConvergence } from './convergence-harness.ts'
export { testPlatform } from './test-platform.ts'
export { type BuiltRequest, testWideOrders, type WideOrderOptions } from './test-wide-orders.ts'
