/**
 * The example order of WeChat's shop/order/add document, as a canonical order corrected where
 * the document breaks its own arithmetic, for tests, demos and the guides:
 * `import { wechatDocumentOrder } from '@ordersync/wechat/fixtures'`.
 *
 * @packageDocumentation
 */
export { wechatDocumentOrder } from './wechat-document-order.ts'
