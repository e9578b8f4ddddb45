import type { IncomingResponse, ResponseClassification } from '@ordersync/core'

/**
 * What ordersync knows of Youshu's `retcode`s. The full list is not public:
 * only 0 and 16 are documented. Every other code is treated as a definite failure, reported with
 * Youshu's `errmsg`; a code you learn is temporary goes in the client's `retryableRetcodes`.
 *
 * @example
 * ```ts
 * youshuRetcodes[16]?.whatToDo // 'nothing: the client looks the existing data source up …'
 * ```
 */
export const youshuRetcodes: Readonly<
  Record<number, { readonly meaning: string; readonly whatToDo: string }>
> = {
  0: { meaning: 'success', whatToDo: 'nothing' },
  16: {
    meaning: 'data_source_already_exist: this merchant already has a data source (FAQ)',
    whatToDo:
      'nothing: the client looks the existing data source up through data_source/get and uses it',
  },
}

/**
 * Reads a Youshu answer: `retcode` 0 is success (envelope `{retcode, errmsg, data}`,
 * https://mp.zhls.qq.com/youshu-docs/develop/interface/order/order_update.html); HTTP 408, 429 and 5xx and the `retryableRetcodes` are temporary; anything else is a
 * definite failure carrying Youshu's code and message.
 *
 * @param response - The HTTP response.
 * @param retryableRetcodes - Codes to treat as temporary.
 * @returns The classification.
 * @example
 * ```ts
 * classifyYoushuResponse({ status: 200, headers: new Headers(), text: '{"retcode":0}', json: { retcode: 0 } }, []) // { outcome: 'success' }
 * ```
 */
export function classifyYoushuResponse(
  response: IncomingResponse,
  retryableRetcodes: readonly number[],
): ResponseClassification {
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = response.json as { retcode?: unknown; errmsg?: unknown } | undefined
  const retcode = typeof body?.retcode === 'number' ? body.retcode : undefined
  const errmsg = typeof body?.errmsg === 'string' && body.errmsg !== '' ? body.errmsg : undefined
  if (response.status >= 200 && response.status < 300 && retcode === 0)
    return { outcome: 'success' }
  if (retcode === undefined) {
    return {
      outcome: 'failure',
      message: `HTTP ${response.status} without a Youshu envelope ({retcode, errmsg})`,
    }
  }
  const known = youshuRetcodes[retcode]
  const message = `${errmsg ?? known?.meaning ?? 'no errmsg'}${known === undefined ? " — Youshu's code list is not public: check the request against the document, and if this code is temporary add it to retryableRetcodes" : ''}`
  if (retryableRetcodes.includes(retcode)) return { outcome: 'retryable', code: retcode, message }
  return { outcome: 'failure', code: retcode, message }
}
