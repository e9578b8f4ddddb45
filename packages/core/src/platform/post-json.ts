import type { Transport, TransportCall, TransportResult } from '../http/transport.ts'

/**
 * A JSON POST through a platform's transport: {@link TransportCall} with `json` in place of a
 * serialised body.
 *
 * @example
 * ```ts
 * const call: JsonCall<unknown> = { endpoint: '/shop/order/add', json: { out_order_id: 'o-1' }, decode: t.unknown }
 * ```
 */
export interface JsonCall<T> extends Omit<TransportCall<T>, 'body' | 'method' | 'signal'> {
  /** The body, serialised once with `JSON.stringify`; the exact string sent is what is signed. */
  readonly json: unknown
  /** Aborts the call; `undefined` is the same as leaving it out. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Sends `json` as the body of a POST, with `Content-Type: application/json`, through `transport`
 * (its retries, token, signing, classification and redaction), and returns what the transport
 * returns.
 *
 * @param transport - The platform's transport.
 * @param call - The endpoint, the JSON body, the decoder and the rest of a {@link TransportCall}.
 * @returns The decoded answer, its status and the attempts.
 * @throws `ApiCallError` or `AuthenticationError`, as {@link Transport.send}.
 * @example
 * ```ts
 * const { data } = await postJson(transport, { endpoint: '/orders', json: { id: 'o-1' }, decode: t.unknown })
 * ```
 */
export function postJson<T>(transport: Transport, call: JsonCall<T>): Promise<TransportResult<T>> {
  const { json, signal, headers = {}, ...rest } = call
  // A content type the caller gives, in any letter case, replaces the default (never both).
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')
  return transport.send({
    ...rest,
    method: 'POST',
    headers: typed ? headers : { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(json),
    ...(signal === undefined ? {} : { signal }),
  })
}
