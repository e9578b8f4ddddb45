/**
 * One row of Baidu's answer: the order and whether it was stored (`rows_affected` "0" means it
 * was not, even when `errno` is 0).
 *
 * @example
 * ```ts
 * const row: BaiduResponseRow = { biz_app_id: 'a392…', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' }
 * ```
 */
export interface BaiduResponseRow {
  readonly biz_app_id?: string
  readonly cate_id?: string | number
  readonly resource_id?: string
  readonly rows_affected: string | number
}

/**
 * Baidu's business envelope.
 *
 * @example
 * ```ts
 * const response: BaiduResponse = {
 *   errno: 0,
 *   msg: 'success',
 *   data: [{ biz_app_id: 'a392…', cate_id: '1', resource_id: '2221554346520', rows_affected: '1' }],
 * }
 * ```
 */
export interface BaiduResponse {
  readonly errno: number
  readonly msg?: string
  readonly data?: readonly BaiduResponseRow[] | null
}

/**
 * Whether Baidu says it did not apply a row's item ("0为失败 非0为成功", 返回值参数说明): a count
 * of 0, as a number or digits (the transport lets no other `rows_affected` through).
 */
export function isRejectedRow(answer: BaiduResponseRow): boolean {
  return Number(answer.rows_affected) === 0
}

/**
 * What Baidu's answer says of one `ResourceID` sent. Only a row whose `resource_id` is that
 * `ResourceID` speaks for it (返回值参数说明: `resource_id` is the ResourceID of the request):
 * `applied` when every such row affected rows, `rejected` when one of them is "0", `missing` when
 * there is none — the order's fate is then unknown.
 *
 * @param resourceId - The `ResourceID` sent.
 * @param rows - The answer's rows.
 * @returns The verdict, with the row it rests on.
 */
export function findBaiduRow(
  resourceId: string,
  rows: readonly BaiduResponseRow[],
):
  | { readonly kind: 'applied' | 'rejected'; readonly row: BaiduResponseRow }
  | { readonly kind: 'missing' } {
  const own = rows.filter((candidate) => candidate.resource_id === resourceId)
  const rejected = own.find(isRejectedRow)
  if (rejected !== undefined) return { kind: 'rejected', row: rejected }
  const [applied] = own
  return applied === undefined ? { kind: 'missing' } : { kind: 'applied', row: applied }
}
