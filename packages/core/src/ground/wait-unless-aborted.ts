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

/**
 * Work that many callers share (a single-flight token refresh, a lookup), started by the first
 * caller and cancelled only when every caller waiting for it has given up: one caller aborting
 * never fails the others, and once all have aborted nothing more is sent and no timer is left.
 *
 * @example
 * ```ts
 * const refresh = createSharedWork((signal) => fetchToken(signal))
 * const token = await refresh.join(request.signal)
 * ```
 */
export interface SharedWork<T> {
  /**
   * Waits for the shared work, starting it when none is under way.
   *
   * @param signal - This caller's signal; a caller without one keeps the work alive until it settles.
   */
  join(signal?: AbortSignal): Promise<T>
}

/**
 * Creates a {@link SharedWork}.
 *
 * @param work - The work; it receives a signal that aborts once every waiting caller has aborted.
 * @returns The shared work.
 * @example
 * ```ts
 * const lookup = createSharedWork((signal) => findDataSource(signal))
 * const [a, b] = await Promise.all([lookup.join(first.signal), lookup.join(second.signal)])
 * ```
 */
export function createSharedWork<T>(work: (signal: AbortSignal) => Promise<T>): SharedWork<T> {
  let current:
    | { promise: Promise<T>; controller: AbortController; waiting: number; pinned: boolean }
    | undefined
  return {
    join(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (current === undefined) {
        const controller = new AbortController()
        const run = {
          controller,
          waiting: 0,
          pinned: false,
          promise: Promise.resolve()
            .then(() => work(controller.signal))
            .finally(() => {
              if (current === run) current = undefined
            }),
        }
        // Every joiner handles the work's failure; this keeps a failure no joiner is left to
        // see (all aborted, or a joiner that never attached) from rejecting unhandled.
        run.promise.catch(() => {})
        current = run
      }
      const run = current
      if (signal === undefined) {
        run.pinned = true
        return run.promise
      }
      run.waiting += 1
      return new Promise<T>((resolve, reject) => {
        const onAbort = (): void => {
          run.waiting -= 1
          if (run.waiting === 0 && !run.pinned) {
            if (current === run) current = undefined
            run.controller.abort(signal.reason)
          }
          reject(signal.reason)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        run.promise.then(
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
    },
  }
}

/**
 * Waits `milliseconds`, or rejects with the signal's reason as soon as it aborts (clearing the
 * timer, so that nothing holds the process).
 *
 * @internal
 */
export function sleepUnlessAborted(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, milliseconds)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
