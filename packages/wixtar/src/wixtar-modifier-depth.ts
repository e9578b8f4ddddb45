import { maxModifierDepth } from '@ordersync/core'

// Wixtar's `Item` and `ModifierGroup` nest without a stated limit ("Upload Order Details",
// Request Body Parameters - Item and - ModifierGroup,
// https://private-api-docs.wixtar.com/Data%20Center%20API/upload-order-details). A raw request is
// read as deep as core's `maxModifierDepth` — every order ordersync converts stays within it — and
// no deeper: a body nested without end would otherwise exhaust the stack.

/** The `code` of the issue about modifier groups nested deeper than core's `maxModifierDepth`. */
export const modifierTooDeepCode = 'modifier_too_deep'

/**
 * What is wrong with modifier groups at `level` (a cart item's own groups are level 1), for a
 * level beyond core's `maxModifierDepth`.
 *
 * @param level - The level the refused groups would be at.
 * @returns The message.
 */
export function modifierTooDeepMessage(level: number): string {
  return `modifier groups nest at most ${maxModifierDepth} deep counting the cart item's own (core's maxModifierDepth, which every order ordersync converts keeps to): these would be level ${level}`
}
