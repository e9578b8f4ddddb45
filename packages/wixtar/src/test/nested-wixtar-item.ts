import type { WixtarItem } from '../wixtar-order-schema.ts'

/**
 * A cart item whose modifier groups nest `levels` deep: at each level one group holding one
 * choice, the innermost choice `innermost`. Built with a loop, so that any depth can be made.
 */
export function nestedWixtarItem(
  levels: number,
  innermost: WixtarItem = { id: 'leaf', title: 'leaf', quantity: 1 },
): WixtarItem {
  let item = innermost
  for (let level = levels; level >= 1; level -= 1) {
    item = {
      id: `choice-${level}`,
      title: `choice ${level}`,
      quantity: 1,
      selected_modifier_groups: [
        { id: `group-${level}`, title: `group ${level}`, selected_items: [item] },
      ],
    }
  }
  return item
}

/** The path, below a cart item, of the modifier groups at `level` (`level` ≥ 1) of a nested item. */
export function nestedGroupsPath(level: number): string {
  return `${'.selected_modifier_groups.0.selected_items.0'.repeat(level - 1)}.selected_modifier_groups`
}
