import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'
import { isMoney } from '../money/money.ts'
import type { Order } from '../order/order-types.ts'
import type { SyncWarning } from './platform-contract.ts'

/**
 * Warns about every field of an order that a platform does not carry, so that nothing is dropped
 * silently. The platform lists the canonical paths it carries (or handles with a warning of its
 * own) as patterns — `lines.*.unitPrice`, `delivery.window` (which covers everything under it) — and
 * every other field present in the order gets one `field_dropped` warning per pattern, at its first
 * concrete path. `platformOptions` are the platform's own and never reported here.
 *
 * @param order - A valid order.
 * @param carried - The patterns the platform carries; `*` stands for any array index.
 * @param platformName - The platform's display name, for the message.
 * @returns One warning per field pattern that is present and not carried.
 * @throws {@link InvalidArgumentError} for an order that contains itself (a cycle) or is nested
 *   deeper than 1,000 levels.
 * @example
 * ```ts
 * warnDroppedFields(order, ['id', 'lines.*.name'], 'Youshu')
 * // [{ path: ['lines', 0, 'description'], code: 'field_dropped', message: 'Youshu has no field for lines[].description: it is not reported' }, …]
 * ```
 */
export function warnDroppedFields(
  order: Order,
  carried: readonly string[],
  platformName: string,
): SyncWarning[] {
  const warnings: SyncWarning[] = []
  const warned = new Set<PatternNode>()
  // The walk keeps one path and copies it only for a warning. The patterns are a tree walked
  // alongside, and every position the walk reaches gets a node of its own (kept with the patterns,
  // so the next order finds it), which holds its normalized path (indices as `*`): each value
  // costs one map lookup, and no path is joined into a string.
  const path: (string | number)[] = []
  // The objects on the walk's path, by depth: an order that contains itself is refused, not walked
  // forever. Real orders are a few levels deep, so the path is searched only past `cycleCheckDepth`.
  const stack: object[] = []

  const warn = (node: PatternNode): void => {
    if (warned.has(node)) return
    warned.add(node)
    warnings.push({
      path: [...path],
      code: 'field_dropped',
      message: `${platformName} has no field for ${node.path.replaceAll('.*', '[]')}: it is not reported`,
    })
  }
  // `node` is never carried here: the caller skips carried positions before descending.
  const visit = (value: unknown, node: PatternNode, inLine: boolean): void => {
    // Nothing to drop: absent values and empty lists.
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return
    if (typeof value !== 'object' || value === null || isMoney(value)) {
      warn(node)
      return
    }
    stack.push(value)
    if (stack.length > cycleCheckDepth) refuseIfCyclic(stack, path, platformName)
    visitObject(value, node, inLine)
    stack.pop()
  }
  const visitObject = (value: object, node: PatternNode, inLine: boolean): void => {
    if (Array.isArray(value)) {
      const child = childOf(node, '*')
      if (child.carried) return
      // A line is an element of the order's `lines`.
      const lines = path.length === 1 && path[0] === 'lines'
      for (let index = 0; index < value.length; index += 1) {
        path.push(index)
        visit(value[index], child, lines)
        path.pop()
      }
      return
    }
    const record = value as Record<string, unknown>
    // for…in rather than Object.keys: no array per object (an order is plain data; hasOwn keeps
    // out what a prototype would add).
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue
      // platformOptions are the platform's own: the order's and each line's.
      if (key === 'platformOptions' && (path.length === 0 || inLine)) continue
      const child = childOf(node, key)
      if (child.carried) continue
      path.push(key)
      visit(record[key], child, false)
      path.pop()
    }
  }
  const root = compilePatterns(carried)
  if (!root.carried) visit(order, root, false)
  return warnings
}

// Past this depth the walk looks for the object it is in among those on its path.
const cycleCheckDepth = 32

/**
 * Refuses an order whose walk went past {@link cycleCheckDepth}: when an object on the path
 * appears twice, at the first place it does (`buyer.self`); when it is merely deep, past
 * {@link maxDepth}.
 */
function refuseIfCyclic(
  stack: readonly object[],
  path: readonly (string | number)[],
  platformName: string,
): void {
  const top = stack[stack.length - 1] as object
  if (stack.indexOf(top) < stack.length - 1) {
    // stack[depth] is the value at path.slice(0, depth): the first depth that repeats an object.
    for (let depth = 1; depth < stack.length; depth += 1) {
      if (stack.indexOf(stack[depth] as object) < depth)
        refuseCycle(platformName, path.slice(0, depth))
    }
  }
  if (stack.length > maxDepth) refuseCycle(platformName, path)
}

// Deeper than this, an order is refused rather than walked further.
const maxDepth = 1000

function refuseCycle(platformName: string, path: readonly (string | number)[]): never {
  throw new InvalidArgumentError({
    platform: platformName,
    argument: 'order',
    reason: `contains itself (a cycle) or is nested deeper than ${maxDepth} levels at ${path.join('.')}: an order must be plain data, as parseOrder returns it`,
  })
}

interface PatternNode {
  /** Whether a pattern ends here: everything under this path is carried. */
  carried: boolean
  /** The normalized path to here: `lines.*.name`. */
  readonly path: string
  readonly children: Map<string, PatternNode>
}

function childOf(node: PatternNode, segment: string): PatternNode {
  let child = node.children.get(segment)
  if (child === undefined) {
    // A position no pattern names: not carried, and so is everything under it.
    child = {
      carried: false,
      path: node.path === '' ? segment : `${node.path}.${segment}`,
      children: new Map(),
    }
    node.children.set(segment, child)
  }
  return child
}

const compiledPatterns = new WeakMap<
  readonly string[],
  { readonly source: readonly string[]; readonly root: PatternNode }
>()

/** The patterns as a tree of segments, built once per list (platforms pass a constant). */
function compilePatterns(carried: readonly string[]): PatternNode {
  const cached = compiledPatterns.get(carried)
  // A list changed in place since it was compiled is compiled again.
  if (
    cached !== undefined &&
    cached.source.length === carried.length &&
    cached.source.every((pattern, index) => pattern === carried[index])
  ) {
    return cached.root
  }
  const root: PatternNode = { carried: false, path: '', children: new Map() }
  for (const pattern of carried) {
    let node = root
    for (const segment of pattern.split('.')) node = childOf(node, segment)
    node.carried = true
  }
  compiledPatterns.set(carried, { source: [...carried], root })
  return root
}
