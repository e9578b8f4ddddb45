import { waitUnlessAborted } from '../ground/wait-unless-aborted.ts'

/**
 * The orders of a run, read one at a time from an array or any (async) iterable. A read that is
 * still waiting (a change stream, a slow cursor) is given up as soon as the run halts.
 */
export interface OrderReader {
  /**
   * The next order, `done` at the end of the source, or `halted` when the run halted first (the
   * read is then still pending in the source). A throw of the source is passed on.
   */
  next(): Promise<{ readonly value: unknown } | 'done' | 'halted'>
  /**
   * Closes a source that was not read to its end. An async generator queues `return()` behind a
   * pending `next()`: when a read was cut short, the source is asked to close without waiting.
   */
  close(): Promise<void>
}

/** Starts reading `orders`; `halt` aborts when the run stops early. */
export function createOrderReader(orders: unknown, halt: AbortSignal): OrderReader {
  const source = orders as Iterable<unknown> | AsyncIterable<unknown>
  const iterator: AsyncIterator<unknown> | Iterator<unknown> =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (source as Iterable<unknown>)[Symbol.iterator]()
  let exhausted = false
  // Whether a read was cut short by the halt (its promise is still pending in the source).
  let readPending = false
  return {
    async next() {
      readPending = true
      let next: IteratorResult<unknown> | undefined
      try {
        next = await untilHalted(iterator.next(), halt)
      } catch (error) {
        readPending = false
        throw error
      }
      readPending = next === undefined
      if (next === undefined) return 'halted'
      if (next.done === true) {
        exhausted = true
        return 'done'
      }
      return { value: next.value }
    },
    async close() {
      if (exhausted) return
      const closing = Promise.resolve()
        .then(() => iterator.return?.())
        .then(
          () => undefined,
          () => {
            // The source's own cleanup failed; the run's outcome stands.
          },
        )
      if (!readPending) await closing
    },
  }
}

/**
 * The value of `promise`, or `undefined` as soon as `signal` aborts (the promise is left to settle
 * on its own); a rejection of the promise itself is passed on.
 */
function untilHalted<T>(promise: Promise<T> | T, signal: AbortSignal): Promise<T | undefined> {
  return waitUnlessAborted(Promise.resolve(promise), signal).catch((error: unknown) => {
    if (signal.aborted && error === signal.reason) return undefined
    throw error
  })
}
