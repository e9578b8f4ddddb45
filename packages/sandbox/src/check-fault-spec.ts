import type { FaultSpec } from './sandbox-types.ts'

/**
 * A fault spec the sandbox cannot apply: an unknown type, platform, endpoint or field, or a value
 * of the wrong kind. `field` names the part of the spec to fix (`action.type`, `endpoint`, …). The
 * control API answers it as HTTP 400 with `{ error, field }`.
 *
 * @example
 * ```ts
 * try {
 *   sandbox.control.injectFault({ platform: 'youshu', action: { type: 'dorp' } } as never)
 * } catch (error) {
 *   if (error instanceof SandboxFaultSpecError) console.log(error.field) // 'action.type'
 * }
 * ```
 */
export class SandboxFaultSpecError extends Error {
  override readonly name = 'SandboxFaultSpecError'
  /** The part of the spec to fix, as a dotted path. */
  readonly field: string

  /**
   * @param field - The part of the spec to fix.
   * @param reason - What is wrong with it.
   */
  constructor(field: string, reason: string) {
    super(`[sandbox] invalid fault spec: ${field} ${reason}`)
    this.field = field
  }
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// The fields of each action type, with whether each is required.
const actionFields: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  status: { type: true, status: true, headers: false, body: false },
  body: { type: true, body: true, status: false },
  delay: { type: true, ms: true },
  drop: { type: true },
}
const specFields = new Set(['platform', 'endpoint', 'action', 'times', 'probability'])

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value)
  return text.length > 60 ? `${text.slice(0, 60)}…` : text
}

function checkStatus(value: unknown, field: string): void {
  if (!Number.isInteger(value) || (value as number) < 100 || (value as number) > 599)
    throw new SandboxFaultSpecError(field, `must be an HTTP status 100–599, got ${show(value)}`)
}

/**
 * Checks a fault spec against the platforms and endpoints a sandbox serves, before it is injected:
 * every field known, every value of its kind, the platform served and the endpoint one of its paths.
 *
 * @param spec - The spec, as given (from JSON, or typed code).
 * @param endpointsByPlatform - The paths each served platform answers.
 * @returns The spec, typed.
 * @throws {@link SandboxFaultSpecError} naming the first field to fix.
 * @example
 * ```ts
 * checkFaultSpec({ platform: 'youshu', action: { type: 'drop' } }, new Map([['youshu', new Set(['/data-api/v1/order/add_order'])]]))
 * ```
 */
export function checkFaultSpec(
  spec: unknown,
  endpointsByPlatform: ReadonlyMap<string, ReadonlySet<string>>,
): FaultSpec {
  if (!isObject(spec)) throw new SandboxFaultSpecError('(spec)', 'must be an object')
  for (const key of Object.keys(spec)) {
    if (!specFields.has(key))
      throw new SandboxFaultSpecError(
        key,
        `is not a field of a fault spec (platform, endpoint, action, times, probability)`,
      )
  }
  const platform = spec.platform
  if (typeof platform !== 'string')
    throw new SandboxFaultSpecError('platform', 'is required: the name of a served platform')
  const endpoints = endpointsByPlatform.get(platform)
  if (endpoints === undefined) {
    throw new SandboxFaultSpecError(
      'platform',
      `${show(platform)} is not served by this sandbox (it serves ${[...endpointsByPlatform.keys()].join(', ') || 'none'})`,
    )
  }
  if (spec.endpoint !== undefined && !endpoints.has(spec.endpoint as string)) {
    throw new SandboxFaultSpecError(
      'endpoint',
      `${show(spec.endpoint)} is not a path of ${platform} (its paths: ${[...endpoints].join(', ')})`,
    )
  }
  const action = spec.action
  if (!isObject(action)) throw new SandboxFaultSpecError('action', 'is required: an object')
  const type = action.type
  const fields =
    typeof type === 'string' && Object.hasOwn(actionFields, type) ? actionFields[type] : undefined
  if (fields === undefined) {
    throw new SandboxFaultSpecError(
      'action.type',
      `${show(type)} is not a fault type (status, body, delay, drop)`,
    )
  }
  for (const key of Object.keys(action)) {
    if (!Object.hasOwn(fields, key))
      throw new SandboxFaultSpecError(
        `action.${key}`,
        `is not a field of a ${String(type)} fault (${Object.keys(fields).join(', ')})`,
      )
  }
  for (const [key, required] of Object.entries(fields)) {
    if (required && action[key] === undefined)
      throw new SandboxFaultSpecError(`action.${key}`, `is required for a ${String(type)} fault`)
  }
  if (type === 'status' || (type === 'body' && action.status !== undefined))
    checkStatus(action.status, 'action.status')
  if (
    type === 'status' &&
    action.headers !== undefined &&
    (!isObject(action.headers) ||
      Object.values(action.headers).some((value) => typeof value !== 'string'))
  )
    throw new SandboxFaultSpecError('action.headers', 'must be an object of strings')
  if (type === 'delay' && !(typeof action.ms === 'number' && action.ms >= 0 && action.ms < 2 ** 31))
    throw new SandboxFaultSpecError(
      'action.ms',
      `must be milliseconds 0 … 2³¹ − 1, got ${show(action.ms)}`,
    )
  const times = spec.times
  if (times !== undefined && !(typeof times === 'number' && times > 0 && !Number.isNaN(times)))
    throw new SandboxFaultSpecError(
      'times',
      `must be a number > 0 (or Infinity), got ${show(times)}`,
    )
  const probability = spec.probability
  if (
    probability !== undefined &&
    !(typeof probability === 'number' && probability >= 0 && probability <= 1)
  )
    throw new SandboxFaultSpecError(
      'probability',
      `must be between 0 and 1, got ${show(probability)}`,
    )
  return spec as unknown as FaultSpec
}
