import {
  type IncomingResponse,
  isRetryableHttpStatus,
  type ResponseClassification,
} from '@ordersync/core'

/**
 * What a Youshu `retcode` you learnt means, for `createYoushu`'s `knownRetcodes`:
 *
 * - `signature`: the signature does not match (a wrong `appId` or `appSecret` for the environment);
 * - `timestamp`: the signature's timestamp is out of Youshu's window (the host's clock);
 * - `nonce`: the nonce was refused (reused or malformed);
 * - `unknown_data_source`: the `dataSourceId` is not one of this app's data sources;
 * - `temporary`: worth retrying (like `retryableRetcodes`);
 * - `order`: something in the order itself was refused: that order fails, the others are still
 *   sent, however many in a row get the code.
 *
 * @example
 * ```ts
 * const meaning: YoushuRetcodeMeaning = 'signature'
 * ```
 */
export type YoushuRetcodeMeaning =
  | 'signature'
  | 'timestamp'
  | 'nonce'
  | 'unknown_data_source'
  | 'temporary'
  | 'order'

/**
 * What ordersync knows of Youshu's `retcode`s. The full list is not public:
 * only 0 and 16 are documented. Every other code is a definite failure the client cannot place
 * (`concerns: 'unknown'`), reported with Youshu's `errmsg`: `syncOrders` goes on sending until
 * the same code has answered `sameFailureLimit` (3) sends in a row before any success — a wrong
 * `appSecret` answers every request alike — and then stops the run. The client's `knownRetcodes`
 * (or `retryableRetcodes`) says what a code means: `signature` is about the credentials and
 * `timestamp`, `nonce` and `unknown_data_source` about the configuration, each stopping the run at
 * once; `order` is the order's own fault, and never stops it.
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
 * What the classifier knows of the client it classifies for.
 *
 * @example
 * ```ts
 * const context: YoushuClassificationContext = { environment: 'test', knownRetcodes: { 1001: 'signature' } }
 * ```
 */
export interface YoushuClassificationContext {
  /** The client's environment, named in the advice on credentials. */
  readonly environment?: 'test' | 'production'
  /** What the codes you learnt mean. */
  readonly knownRetcodes?: Readonly<Record<number, YoushuRetcodeMeaning>>
  /** Whether the data source is the `dataSourceId` setting (otherwise the client looked it up). */
  readonly dataSourceIsSetting?: boolean
}

/**
 * What a `retcode` means by the client's `knownRetcodes`, looked up among its own properties only.
 *
 * @internal
 * @param retcode - Youshu's code.
 * @param knownRetcodes - What the codes you learnt mean.
 * @returns The meaning, or `undefined` for a code not declared.
 * @example
 * ```ts
 * youshuRetcodeMeaning(1005, { 1005: 'unknown_data_source' }) // 'unknown_data_source'
 * ```
 */
export function youshuRetcodeMeaning(
  retcode: number,
  knownRetcodes: Readonly<Record<number, YoushuRetcodeMeaning>>,
): YoushuRetcodeMeaning | undefined {
  return Object.hasOwn(knownRetcodes, retcode) ? knownRetcodes[retcode] : undefined
}

function adviceFor(
  meaning: Exclude<YoushuRetcodeMeaning, 'temporary'>,
  context: YoushuClassificationContext,
): { readonly concerns: 'order' | 'credentials' | 'configuration'; readonly advice: string } {
  const environment = context.environment ?? 'test'
  switch (meaning) {
    case 'order':
      return {
        concerns: 'order',
        advice: 'Youshu refused this order (knownRetcodes): fix the order and sync it again',
      }
    case 'signature':
      return {
        concerns: 'credentials',
        advice: `the signature does not match: check appId and appSecret for the ${environment} environment (Youshu gives each environment its own pair)`,
      }
    case 'timestamp':
      return {
        concerns: 'configuration',
        advice: "the signature's timestamp is outside Youshu's window: set this host's clock right",
      }
    case 'nonce':
      return {
        concerns: 'configuration',
        advice:
          'the nonce was refused: each request needs a fresh one (check a custom createNonce)',
      }
    case 'unknown_data_source':
      return {
        concerns: 'configuration',
        advice: context.dataSourceIsSetting
          ? 'the data source is unknown to Youshu: check the dataSourceId setting (the one shown in DataNexus, for this merchant and environment)'
          : 'the data source is unknown to Youshu (e.g. the sandbox was reset since the client looked it up): the client forgot it and looks it up again on its next call; sync the orders again',
      }
  }
}

/**
 * Reads a Youshu answer: `retcode` 0 is success (envelope `{retcode, errmsg, data}`,
 * https://mp.zhls.qq.com/youshu-docs/develop/interface/order/order_update.html); HTTP 408, 429 and 5xx and the `retryableRetcodes` are temporary; a code in `knownRetcodes`
 * gets its meaning and `concerns`; any other code is a definite failure carrying Youshu's code
 * and message, with `concerns: 'unknown'` (the client cannot tell whether the order or a setting
 * is wrong). A 2xx answer without a numeric `retcode` cannot be read: Youshu processed the
 * request and may have stored the orders (`unreadable`).
 *
 * @param response - The HTTP response.
 * @param retryableRetcodes - Codes to treat as temporary.
 * @param context - The client's environment, its known codes and where its data source came from.
 * @returns The classification.
 * @example
 * ```ts
 * classifyYoushuResponse({ status: 200, headers: new Headers(), text: '{"retcode":0}', json: { retcode: 0 } }, []) // { outcome: 'success' }
 * ```
 */
export function classifyYoushuResponse(
  response: IncomingResponse,
  retryableRetcodes: readonly number[],
  context: YoushuClassificationContext = {},
): ResponseClassification {
  if (isRetryableHttpStatus(response.status)) {
    return { outcome: 'retryable', message: `HTTP ${response.status}` }
  }
  const body = response.json as { retcode?: unknown; errmsg?: unknown } | undefined
  const retcode = typeof body?.retcode === 'number' ? body.retcode : undefined
  const errmsg = typeof body?.errmsg === 'string' && body.errmsg !== '' ? body.errmsg : undefined
  if (response.status >= 200 && response.status < 300 && retcode === 0)
    return { outcome: 'success' }
  if (retcode === undefined) {
    const answered = response.status >= 200 && response.status < 300
    return {
      outcome: 'failure',
      // Core's message for an uncertain delivery adds that the platform may hold the order and
      // that sending it again is safe: said once, not here too.
      message: `HTTP ${response.status} without a Youshu envelope ({retcode, errmsg})${answered ? ': the answer cannot be read' : ''}`,
      ...(answered ? { unreadable: true } : {}),
    }
  }
  const known = Object.hasOwn(youshuRetcodes, retcode) ? youshuRetcodes[retcode] : undefined
  const meaning = youshuRetcodeMeaning(retcode, context.knownRetcodes ?? {})
  if (meaning === 'temporary' || retryableRetcodes.includes(retcode)) {
    return { outcome: 'retryable', code: retcode, message: errmsg ?? known?.meaning ?? 'no errmsg' }
  }
  if (meaning !== undefined) {
    const { concerns, advice } = adviceFor(meaning, context)
    return {
      outcome: 'failure',
      code: retcode,
      message: `${errmsg ?? 'no errmsg'} — ${advice}`,
      concerns,
    }
  }
  const message = `${errmsg ?? known?.meaning ?? 'no errmsg'}${known === undefined ? ` — Youshu's code list is not public: if errmsg is about the signature, check appId and appSecret for the ${context.environment ?? 'test'} environment; otherwise check the request against the document; declare a code you learn in knownRetcodes (or retryableRetcodes if it is temporary)` : ''}`
  return { outcome: 'failure', code: retcode, message, concerns: 'unknown' }
}
