/**
 * The example order of the Baidu order center document, as a canonical order corrected where
 * the document breaks its own arithmetic, for tests, demos and the guides:
 * `import { baiduDocumentOrder } from '@ordersync/baidu/fixtures'`.
 *
 * @packageDocumentation
 */
export { baiduDocumentOrder } from './baidu-document-order.ts'
