import { InvalidArgumentError } from '../errors/invalid-argument-error.ts'

// Deeper than this, a value is refused as too deep rather than walked further.
const maxDepth = 1000

/**
 * Refuses a value that is not plain data: one that contains itself (a cycle, as an ORM entity
 * with a back-reference does) or is nested deeper than 1,000 levels. Walking such a value —
 * validating it, looking for dropped fields, serialising it — would never end, or end the
 * process.
 *
 * @param value - The order as the caller passed it.
 * @param platform - The platform, for the error.
 * @throws {@link InvalidArgumentError} naming the path where the value meets itself.
 * @internal
 */
export function requireAcyclic(value: unknown, platform: string): void {
  const onPath = new Set<object>()
  const path: (string | number)[] = []
  const refuse = (reason: string): never => {
    throw new InvalidArgumentError({
      platform,
      argument: 'order',
      reason: `${reason} at ${path.length === 0 ? 'the top' : path.join('.')}: an order must be plain data (copy the fields you need into a new object)`,
    })
  }
  const walk = (current: unknown): void => {
    if (typeof current !== 'object' || current === null) return
    if (onPath.has(current)) refuse('contains itself (a cycle)')
    if (path.length >= maxDepth) refuse(`is nested deeper than ${maxDepth} levels`)
    onPath.add(current)
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index += 1) {
        path.push(index)
        walk(current[index])
        path.pop()
      }
    } else {
      for (const key of Object.keys(current)) {
        path.push(key)
        walk((current as Record<string, unknown>)[key])
        path.pop()
      }
    }
    onPath.delete(current)
  }
  walk(value)
}
