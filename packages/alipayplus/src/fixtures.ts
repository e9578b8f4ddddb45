/**
 * The example order of the Alipay+ order sync document, as a canonical order corrected where
 * the document breaks its own arithmetic, for tests, demos and the guides:
 * `import { alipayPlusDocumentOrder } from '@ordersync/alipayplus/fixtures'`.
 *
 * @packageDocumentation
 */
export { alipayPlusDocumentOrder } from './alipayplus-document-order.ts'
