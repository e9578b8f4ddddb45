/**
 * What the repository's checks, the demo and the benchmark know about WeChat's order shipping
 * service: `platformDescriptor` (core's `PlatformDescriptor`), for the contract suite
 * (`testPlatform(platformDescriptor, …)` of `@ordersync/sandbox/testing`) and any tool that runs
 * every platform against the sandbox. It imports no Node module.
 *
 * @packageDocumentation
 */
export { platformDescriptor } from './wechat-shipping-descriptor.ts'
