import { describe, expect, it } from 'vitest'
import { createSharedWork } from './wait-unless-aborted.ts'

describe('createSharedWork', () => {
  it('runs once for every caller and gives each the same value', async () => {
    let runs = 0
    const work = createSharedWork(async () => {
      runs += 1
      return 'token'
    })
    const values = await Promise.all([work.join(), work.join(new AbortController().signal)])
    expect(values).toEqual(['token', 'token'])
    expect(runs).toBe(1)
  })

  it('keeps the work alive while one caller still waits, and cancels it once every caller aborted', async () => {
    const signals: AbortSignal[] = []
    const work = createSharedWork(
      (signal) =>
        new Promise<string>((resolve, reject) => {
          signals.push(signal)
          signal.addEventListener('abort', () => reject(signal.reason))
          setTimeout(() => resolve('late'), 60_000).unref?.()
        }),
    )
    const first = new AbortController()
    const second = new AbortController()
    const one = work.join(first.signal)
    const two = work.join(second.signal)
    first.abort(new Error('first gives up'))
    await expect(one).rejects.toThrow('first gives up')
    expect(signals[0]?.aborted).toBe(false)
    second.abort(new Error('second gives up'))
    await expect(two).rejects.toThrow('second gives up')
    expect(signals[0]?.aborted).toBe(true)
    // The next caller starts afresh.
    const third = new AbortController()
    const three = work.join(third.signal)
    await Promise.resolve()
    expect(signals).toHaveLength(2)
    expect(signals[1]?.aborted).toBe(false)
    third.abort(new Error('done'))
    await expect(three).rejects.toThrow('done')
  })

  it('never cancels work that a caller without a signal waits for', async () => {
    let seen: AbortSignal | undefined
    const work = createSharedWork(async (signal) => {
      seen = signal
      await new Promise((resolve) => setTimeout(resolve, 10))
      return 1
    })
    const controller = new AbortController()
    const withSignal = work.join(controller.signal)
    const pinned = work.join()
    controller.abort()
    await expect(withSignal).rejects.toBeDefined()
    await expect(pinned).resolves.toBe(1)
    expect(seen?.aborted).toBe(false)
  })
})

describe('createSharedWork never leaves a rejection unhandled', () => {
  it('when the only joiner never attached (a signal that is not an AbortSignal) and the work fails', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason)
    }
    process.on('unhandledRejection', onUnhandled)
    try {
      const work = createSharedWork(
        () =>
          new Promise<string>((_resolve, reject) =>
            setTimeout(() => reject(new Error('token endpoint down')), 5),
          ),
      )
      const notASignal = { aborted: false } as unknown as AbortSignal
      await expect(work.join(notASignal)).rejects.toThrow(TypeError)
      await new Promise((resolve) => setTimeout(resolve, 30))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })
})
