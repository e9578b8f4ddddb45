/**
 * Waits for a promise that many callers share (a single-flight token refresh or lookup), giving up
 * when this caller's signal aborts — without cancelling the shared work, which the other callers
 * still wait for.
 *
 * @param promise - The shared promise.
 * @param signal - This caller's signal, if any.
 * @returns The promise's value, or a rejection with the signal's reason once it aborts.
 * @example
 * ```ts
 * const sharedRefresh = manager.get() // one refresh, awaited by many callers
 * const token = await waitUnlessAborted(sharedRefresh, request.signal)
 * ```
 */
export function waitUnlessAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
