/**
 * The core of ordersync: exact money, explicit-zone time, the canonical order and its lifecycle,
 * and typed errors. Every platform package builds on it.
 *
 * @packageDocumentation
 */
export * from './codecs/index.ts'
export * from './errors/index.ts'
export * from './money/index.ts'
export * from './order/index.ts'
export * from './status/index.ts'
export * from './time/index.ts'
