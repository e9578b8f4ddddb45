/**
 * The core of ordersync: exact money, explicit-zone time, the canonical order and its lifecycle,
 * typed errors, the HTTP transport, tokens, the platform contract and `syncOrders`. Every platform
 * package builds on it.
 *
 * @packageDocumentation
 */
export * from './codecs/index.ts'
export * from './errors/index.ts'
export * from './ground/index.ts'
export * from './http/index.ts'
export * from './money/index.ts'
export * from './order/index.ts'
export * from './platform/index.ts'
export * from './status/index.ts'
export * from './sync/index.ts'
export * from './time/index.ts'
export * from './tokens/index.ts'
