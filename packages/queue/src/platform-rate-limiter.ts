import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiCallError } from '@ordersync/core'
import type { Redis } from 'ioredis'

// A platform's rate limit, counted on every request its clients send — each order's, each retry,
// a read before a write (WeChat's shop/order/get), a token fetch — not on the orders a worker
// starts: one order may take several requests. It is a sliding window kept in Redis, one sorted
// set per platform of the times at which requests may leave (Redis time, epoch ms): at most `max`
// in any `durationMs`, across every worker. A request reserves the next time the window allows,
// in one script (first come, first served), and waits until then.
//
// A wait for a slot inside `fetch` counts against the client's per-attempt timeout, and an attempt
// that times out there is taken for one that may have reached the platform. So a worker first
// waits at the gate, outside any request: it starts a call only when a slot is free right now,
// and no other call of the process starts until this one's first request has taken its slot. The
// requests of calls already started (a retry, the write after a read) reserve ahead of the gate,
// so they wait only for each other. The slot is reserved by the request itself, when it leaves:
// the window counts requests as close as it can to when they reach the platform.

// KEYS[1] the platform's request log. ARGV: max, durationMs, a unique member, '1' to only look
// (the gate). Returns ms until the slot: the request reserves it and leaves then.
const takeSlotScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local max = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - duration)
local count = redis.call('ZCARD', KEYS[1])
local at = now
if count > 0 then
  local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  at = math.max(at, tonumber(last[2]))
end
if count >= max then
  local bound = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
  at = math.max(at, tonumber(bound[2]) + duration)
end
if ARGV[4] == '1' then
  return at - now
end
redis.call('ZADD', KEYS[1], at, ARGV[3])
redis.call('PEXPIRE', KEYS[1], at - now + duration)
return at - now
`

type TakeSlot = (
  key: string,
  max: number,
  durationMs: number,
  member: string,
  lookOnly: '0' | '1',
) => Promise<number>

/** The call that passed the gate: its first request lets the next call of the process through. */
const gatePasses = new AsyncLocalStorage<{ limiter: PlatformRateLimiter; release(): void }>()

/**
 * A platform's rate limit across every worker. See the comment at the top of this file.
 */
export interface PlatformRateLimiter {
  /**
   * Takes the next slot and waits for it; aborted, it gives the slot back and rejects with the
   * signal's reason, as `fetch` does.
   */
  take(signal?: AbortSignal | null): Promise<void>
  /**
   * Runs `call` once a slot is free right now, waiting outside of any request; the next call of
   * this process waits until this one's first request has taken its slot (or the call ended, or
   * a window passed).
   *
   * @throws An `ApiCallError` (`not_sent`) when `signal` aborts the wait.
   */
  throttleCall<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T>
  /** `fetch` with a slot taken before every request. */
  wrapFetch(fetch: () => typeof globalThis.fetch): typeof globalThis.fetch
}

/**
 * Makes the rate limiter of one platform.
 *
 * @param redis - The queue's Redis connection.
 * @param key - The platform's request log.
 * @param platform - The platform id, for errors.
 * @param limit - At most `max` requests in any `durationMs`.
 */
export function createPlatformRateLimiter(
  redis: Redis,
  key: string,
  platform: string,
  limit: { readonly max: number; readonly durationMs: number },
): PlatformRateLimiter {
  if (!('ordersync_takeSlot' in redis)) {
    redis.defineCommand('ordersync_takeSlot', { lua: takeSlotScript, numberOfKeys: 1 })
  }
  const takeSlot = (member: string, lookOnly: '0' | '1') =>
    (redis as unknown as { ordersync_takeSlot: TakeSlot }).ordersync_takeSlot(
      key,
      limit.max,
      limit.durationMs,
      member,
      lookOnly,
    )
  // One call of this process at a time passes the gate; the others wait their turn here.
  const gateTurns = createTurns()

  /** Waits for this process's turn, then until a slot is free now; the turn is kept. */
  const passGate = async (signal: AbortSignal | undefined) => {
    await gateTurns.take(signal)
    try {
      for (;;) {
        const waitMs = await takeSlot('', '1')
        if (waitMs <= 0) return
        await sleep(waitMs, undefined, signal === undefined ? {} : { signal })
      }
    } catch (error) {
      gateTurns.give()
      throw error
    }
  }

  const limiter: PlatformRateLimiter = {
    async take(signal) {
      signal?.throwIfAborted()
      const member = randomUUID()
      const waitMs = await takeSlot(member, '0')
      // The slot is reserved: the next call of the process may pass the gate.
      const pass = gatePasses.getStore()
      if (pass?.limiter === limiter) pass.release()
      if (waitMs <= 0) return
      try {
        await sleep(waitMs, undefined, signal === null || signal === undefined ? {} : { signal })
      } catch (error) {
        // The request will not be sent: its slot goes back to the others.
        redis.zrem(key, member).catch(() => {})
        throw signal?.reason ?? error
      }
    },
    async throttleCall(signal, call) {
      try {
        await passGate(signal)
      } catch (error) {
        if (!signal?.aborted) throw error
        throw new ApiCallError({
          platform,
          endpoint: '(rate limit)',
          reason: 'aborted while waiting for a slot of the queue’s rate limit',
          retryable: true,
          delivery: 'not_sent',
          cause: signal.reason,
        })
      }
      let released = false
      // A call that sends nothing for a whole window (a token lease held elsewhere) does not hold
      // up the process's other calls longer.
      const timer = setTimeout(() => release(), limit.durationMs)
      const release = () => {
        if (released) return
        released = true
        clearTimeout(timer)
        gateTurns.give()
      }
      try {
        return await gatePasses.run({ limiter, release }, call)
      } finally {
        release()
      }
    },
    wrapFetch(fetch) {
      return async (input, init) => {
        // Read before the slot: the runtime's fetch loads its HTTP stack on first read (about
        // 40 ms in Node), which would otherwise delay the request past its slot.
        const send = fetch()
        await limiter.take(init?.signal ?? (input instanceof Request ? input.signal : undefined))
        return send(input, init)
      }
    },
  }
  return limiter
}

/** Turns taken one at a time, first come first served; a waiter that is aborted leaves the line. */
function createTurns(): { take(signal: AbortSignal | undefined): Promise<void>; give(): void } {
  const line: (() => void)[] = []
  let busy = false
  return {
    async take(signal) {
      signal?.throwIfAborted()
      if (!busy) {
        busy = true
        return
      }
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal?.removeEventListener('abort', leave)
          resolve()
        }
        const leave = () => {
          line.splice(line.indexOf(turn), 1)
          reject(signal?.reason)
        }
        line.push(turn)
        signal?.addEventListener('abort', leave, { once: true })
      })
    },
    give() {
      const next = line.shift()
      if (next === undefined) busy = false
      else next()
    },
  }
}
