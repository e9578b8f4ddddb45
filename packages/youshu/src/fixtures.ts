/**
 * Tencent Youshu's example orders — the `add_order` request example and the FAQ's worked amounts —
 * as canonical orders corrected where the documents break their own arithmetic, for tests, demos
 * and the guides: `import { youshuFaqOrder } from '@ordersync/youshu/fixtures'`.
 *
 * @packageDocumentation
 */
export { youshuDocumentOrder, youshuFaqOrder } from './youshu-document-order.ts'
