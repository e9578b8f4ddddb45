import { createSign, createVerify, generateKeyPairSync } from 'node:crypto'
import type { SandboxPlatformModule, SandboxRequest, SandboxResponse } from '../sandbox-types.ts'

// The Alipay+ Mini Program Platform's order/sync, written from Alipay+'s "order/sync" page
// (https://miniprogram.alipay.com/docs-alipayconnect/miniprogram_alipayconnect/mpdev/v2_order_sync) and the signing scheme of Alipay's global SDK alone (it does not import @ordersync/alipayplus): the RSA256 request signature
// over "POST <path>\n<Client-Id>.<Request-Time>.<body>" checked with the merchant's public key, the
// field table's required fields, enums, lengths and "no @ # ?" rule, the sample's types for the
// sub-structures, Amount values 0 … 2147483647, paymentAmount (the amount paid) ≤ orderAmount − discountAmount,
// refunds ≤ paymentAmount (a refund needs one), and the result envelope, signed with the platform's key. Orders are kept
// by referenceOrderId, the latest orderModifiedTime winning (order/sync is not on
// the MPP idempotency page; the sandbox reads it as an upsert).

const path = '/api/open/v2/miniprogram/order/sync'
const wallets = new Set([
  'ALIPAY_CN',
  'ALIPAY_HK',
  'ALIPAY_MO',
  'TNG',
  'GCASH',
  'DANA',
  'KAKAOPAY',
  'BKASH',
  'CHOPE',
  'TRUEMONEY',
])
const common = [
  'CREATED',
  'WAIT_PAY',
  'PAID',
  'PENDING',
  'ACCEPTED',
  'PREPARING',
  'READY',
  'COMPLETED',
  'CANCELLED',
  'PAY_FAILED',
  'REJECTED',
]
const statusesByType: Record<string, Set<string>> = {
  PICK_UP: new Set(common),
  DINE_IN: new Set(common),
  DELIVERY: new Set([...common, 'IN_DELIVERY', 'DELIVERED']),
}
const extendedFields: Record<string, Record<string, number | 'time'>> = {
  PICK_UP: {
    pickUpStartTime: 'time',
    pickUpEndTime: 'time',
    pickUpCodeName: 256,
    pickUpCodeValue: 64,
  },
  DINE_IN: {
    dineInStartTime: 'time',
    dineInEndTime: 'time',
    dineInCodeName: 256,
    dineInCodeValue: 64,
  },
  DELIVERY: {
    deliveryStartTime: 'time',
    deliveryEndTime: 'time',
    courierName: 256,
    courierPhoneNo: 64,
  },
}
const noSpecialFields = new Set(['pickUpCodeValue', 'dineInCodeValue', 'courierPhoneNo'])
const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)$/

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function checkAmount(value: unknown, where: string): string | undefined {
  if (!isObject(value)) return `${where}: must be an Amount object`
  if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency))
    return `${where}.currency: ISO 4217 code`
  if (
    !Number.isInteger(value.value) ||
    (value.value as number) < 0 ||
    (value.value as number) > 2147483647
  ) {
    return `${where}.value: integer 0 … 2147483647 in the smallest unit`
  }
  return undefined
}

function checkString(
  body: Json,
  key: string,
  max: number,
  required: boolean,
  noSpecial: boolean,
): string | undefined {
  const value = body[key]
  if (value === undefined) return required ? `${key}: required` : undefined
  if (typeof value !== 'string' || value === '')
    return `${key}: must be a non-empty string (send no empty values)`
  if (value.length > max) return `${key}: at most ${max} characters`
  if (noSpecial && /[@#?]/.test(value)) return `${key}: must not contain @ # ?`
  return undefined
}

/** The first problem of an order/sync body, or undefined. */
function checkBody(body: unknown): string | undefined {
  if (!isObject(body)) return 'body: must be a JSON object'
  for (const [key, max, required, noSpecial] of [
    ['appId', 32, true, true],
    ['customerId', 64, true, true],
    ['referenceOrderId', 64, true, true],
    ['orderLinkUrl', 1024, false, false],
  ] as const) {
    const problem = checkString(body, key, max, required, noSpecial)
    if (problem !== undefined) return problem
  }
  if (!wallets.has(String(body.customerBelongsTo)))
    return 'customerBelongsTo: not a documented wallet'
  for (const key of ['orderCreateTime', 'orderModifiedTime']) {
    if (typeof body[key] !== 'string' || !iso.test(body[key] as string))
      return `${key}: required, ISO 8601 with offset`
  }
  const orderType = String(body.orderType)
  // Own properties only: an orderType or field named "constructor" is no rule.
  if (!Object.hasOwn(statusesByType, orderType)) return 'orderType: PICK_UP, DINE_IN or DELIVERY'

  // orderExtendBizInfo: String in the field table, an object in the sample — both are read.
  const raw = body.orderExtendBizInfo
  const serialized = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null)
  if (raw === undefined) return 'orderExtendBizInfo: required'
  if (serialized.length > 2048) return 'orderExtendBizInfo: at most 2048 characters'
  if (/[@#?]/.test(serialized)) return 'orderExtendBizInfo: must not contain @ # ?'
  let info: unknown
  try {
    info = typeof raw === 'string' ? JSON.parse(raw) : raw
  } catch {
    return 'orderExtendBizInfo: must be JSON text of an object'
  }
  if (!isObject(info)) return 'orderExtendBizInfo: must describe an object'
  if (!statusesByType[orderType]?.has(String(info.orderBizStatus)))
    return `orderExtendBizInfo.orderBizStatus: not a status of ${orderType} orders`
  const fields = extendedFields[orderType] ?? {}
  for (const [key, value] of Object.entries(info)) {
    if (key === 'orderBizStatus') continue
    const rule = Object.hasOwn(fields, key) ? fields[key] : undefined
    if (rule === undefined)
      return `orderExtendBizInfo.${key}: not an extended field of ${orderType}`
    if (typeof value !== 'string' || value === '')
      return `orderExtendBizInfo.${key}: non-empty string`
    if (rule === 'time' && !iso.test(value))
      return `orderExtendBizInfo.${key}: ISO 8601 with offset`
    if (typeof rule === 'number' && value.length > rule)
      return `orderExtendBizInfo.${key}: at most ${rule} characters`
    if (noSpecialFields.has(key) && /[@#?]/.test(value))
      return `orderExtendBizInfo.${key}: must not contain @ # ?`
  }

  if (!Array.isArray(body.goods) || body.goods.length < 1 || body.goods.length > 30)
    return 'goods: 1 to 30 goods'
  for (const [index, item] of body.goods.entries()) {
    if (!isObject(item)) return `goods[${index}]: object`
    if (
      item.goodsQuantity !== undefined &&
      (typeof item.goodsQuantity !== 'string' || !/^\d+$/.test(item.goodsQuantity))
    ) {
      return `goods[${index}].goodsQuantity: a whole number as a string`
    }
    for (const key of ['goodsUnitAmount', 'goodsPaymentAmount']) {
      if (item[key] !== undefined) {
        const problem = checkAmount(item[key], `goods[${index}].${key}`)
        if (problem !== undefined) return problem
      }
    }
  }
  if (!isObject(body.merchant)) return 'merchant: required'
  if (!isObject(body.buyer)) return 'buyer: required'
  const orderAmount = body.orderAmount
  const problem = checkAmount(orderAmount, 'orderAmount')
  if (problem !== undefined) return problem
  for (const key of ['discountAmount', 'paymentAmount']) {
    if (body[key] !== undefined) {
      const amountProblem = checkAmount(body[key], key)
      if (amountProblem !== undefined) return amountProblem
    }
  }
  for (const key of ['promoDetails', 'refunds']) {
    if (
      body[key] !== undefined &&
      (!Array.isArray(body[key]) ||
        (body[key] as unknown[]).length === 0 ||
        (body[key] as unknown[]).length > 30)
    ) {
      return `${key}: 1 to 30 entries when present (send no empty arrays)`
    }
  }
  const value = (amount: unknown): number => (isObject(amount) ? (amount.value as number) : 0)
  // paymentAmount is "the amount paid for the order": a partly paid order pays less than
  // orderAmount − discountAmount, never more.
  if (
    body.paymentAmount !== undefined &&
    value(body.paymentAmount) > value(orderAmount) - value(body.discountAmount)
  ) {
    return 'paymentAmount: more than orderAmount − discountAmount'
  }
  const refunded = ((body.refunds as Json[] | undefined) ?? []).reduce(
    (total, refund) => total + value(refund.refundAmount),
    0,
  )
  if (refunded > 0 && body.paymentAmount === undefined)
    return 'refunds: a refund needs the paymentAmount it refunds'
  if (refunded > value(body.paymentAmount)) return 'refunds: more than paymentAmount'
  return undefined
}

/**
 * What the Alipay+ module hands out, in the shape of `createAlipayPlus`'s settings: the merchant's
 * client id, private key (PKCS#1 PEM) and key version, the app id, and the platform public key
 * (SPKI PEM) that its responses are signed with.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
 * const alipayplus = createAlipayPlus({
 *   ...sandbox.credentials.alipayplus,
 *   baseURL: sandbox.url,
 * })
 * await sandbox.close()
 * ```
 */
export type AlipayPlusSandboxCredentials = {
  readonly clientId: string
  readonly privateKey: string
  readonly keyVersion: string
  readonly appId: string
  readonly platformPublicKey: string
}

/**
 * The Alipay+ module of the sandbox. It makes a merchant key pair (handed out as credentials, as
 * a merchant would register its public key) and a platform key pair (the public key handed out as
 * `platformPublicKey`, the private one signing responses).
 *
 * @returns A fresh module.
 * @example
 * ```ts
 * const sandbox = await startSandbox({ modules: [createAlipayPlusSandboxModule()] })
 * const { clientId, privateKey, appId, platformPublicKey } = sandbox.credentials.alipayplus
 * ```
 */
export function createAlipayPlusSandboxModule(): SandboxPlatformModule<
  'alipayplus',
  AlipayPlusSandboxCredentials
> {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const platformKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const credentials: AlipayPlusSandboxCredentials = {
    clientId: 'SANDBOX_CLIENT_2022',
    privateKey: merchant.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    keyVersion: '1',
    appId: '2102010120672524',
    platformPublicKey: platformKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }

  const respond = (
    status: string,
    code: string,
    message: string,
    context: { now: () => number },
  ): SandboxResponse => {
    const body = JSON.stringify({
      result: { resultCode: code, resultStatus: status, resultMessage: message },
    })
    const responseTime = new Date(context.now()).toISOString()
    const signature = createSign('RSA-SHA256')
      .update(`POST ${path}\n${credentials.clientId}.${responseTime}.${body}`)
      .sign(platformKeys.privateKey, 'base64')
    return {
      status: 200,
      headers: {
        'client-id': credentials.clientId,
        'response-time': responseTime,
        signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`,
      },
      body,
    }
  }

  const handle = (
    request: SandboxRequest,
    context: { store: Map<string, unknown>; now: () => number },
  ): SandboxResponse => {
    const clientId = String(request.headers['client-id'] ?? '')
    const requestTime = String(request.headers['request-time'] ?? '')
    const header = String(request.headers.signature ?? '')
    const match = /(?:^|,)\s*signature=([^,]+)/.exec(header)
    const signature = match?.[1] === undefined ? '' : decodeURIComponent(match[1])
    const verified =
      clientId === credentials.clientId &&
      /algorithm=RSA256/i.test(header) &&
      createVerify('RSA-SHA256')
        .update(`POST ${path}\n${clientId}.${requestTime}.${request.body}`)
        .verify(merchant.publicKey, signature, 'base64')
    if (!verified)
      return respond(
        'F',
        'ACCESS_DENIED',
        'sandbox: the request signature does not verify with the merchant public key',
        context,
      )
    const sentAt = Date.parse(requestTime)
    if (
      !iso.test(requestTime) ||
      Number.isNaN(sentAt) ||
      Math.abs(sentAt - context.now()) > 300_000
    ) {
      return respond(
        'F',
        'PARAM_ILLEGAL',
        'sandbox: Request-Time must be ISO 8601 with offset, within 5 minutes',
        context,
      )
    }
    const problem = checkBody(request.json)
    if (problem !== undefined) return respond('F', 'PARAM_ILLEGAL', `sandbox: ${problem}`, context)
    const body = request.json as Json
    const id = String(body.referenceOrderId)
    const stored = context.store.get(id) as Json | undefined
    // Alipay+ keeps the latest modification: an older orderModifiedTime does not overwrite.
    if (
      stored === undefined ||
      Date.parse(String(body.orderModifiedTime)) >= Date.parse(String(stored.orderModifiedTime))
    ) {
      context.store.set(id, body)
    }
    return respond('S', 'SUCCESS', 'success', context)
  }

  return {
    platform: 'alipayplus',
    credentials,
    routes: [{ method: 'POST', path, kind: 'api', handle }],
  }
}
