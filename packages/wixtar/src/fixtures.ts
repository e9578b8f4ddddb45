/**
 * The example order of the Wixtar data center document, as a canonical order corrected where
 * the document breaks its own arithmetic, for tests, demos and the guides:
 * `import { wixtarDocumentOrder } from '@ordersync/wixtar/fixtures'`.
 *
 * @packageDocumentation
 */
export { wixtarDocumentOrder } from './wixtar-document-order.ts'
