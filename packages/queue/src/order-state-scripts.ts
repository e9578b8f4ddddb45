import type { Redis } from 'ioredis'

// The state of one order of one platform, in one Redis hash, changed only by these scripts so
// that every decision about versions is atomic across processes:
//   pm, ph, po — the pending version: its modifiedAt (epoch ms), content digest and order JSON;
//   sm, sh     — the last version the platform stored: modifiedAt and digest;
//   q, j       — whether a job is responsible for the pending version, and that job's id.
// Only the job whose id is `j` may send; any other job for the key finds itself obsolete and
// ends without sending. That is what keeps two versions of one order from being in flight at
// once, even when two enqueuers race to create the job.

// KEYS[1] state hash, KEYS[2] job id sequence.
// ARGV[1] modifiedAt, ARGV[2] digest, ARGV[3] order JSON, ARGV[4] BullMQ job key prefix,
// ARGV[5] job id prefix.
// Returns { outcome, job id or '' }.
const enqueue = `
local state = redis.call('HMGET', KEYS[1], 'pm', 'ph', 'sm', 'sh', 'q', 'j')
local pm, ph, sm, sh, q, j = tonumber(state[1]), state[2], tonumber(state[3]), state[4], state[5], state[6]
local m, d = tonumber(ARGV[1]), ARGV[2]
local outcome
if pm then
  if m < pm then return { 'stale', '' } end
  if m == pm and d == ph then outcome = 'unchanged' else outcome = 'replaced' end
else
  if sm and m < sm then return { 'stale', '' } end
  if sm and m == sm and d == sh then return { 'unchanged', '' } end
  outcome = 'queued'
end
if outcome ~= 'unchanged' then
  redis.call('HSET', KEYS[1], 'pm', ARGV[1], 'ph', d, 'po', ARGV[3])
  redis.call('PERSIST', KEYS[1])
end
-- A job is live while its BullMQ hash exists and has not finished (a job that failed for good,
-- or one lost between this script and the add, no longer serves the key).
local live = q == '1' and j and redis.call('EXISTS', ARGV[4] .. j) == 1
  and redis.call('HEXISTS', ARGV[4] .. j, 'finishedOn') == 0
if not live then
  j = ARGV[5] .. '.' .. redis.call('INCR', KEYS[2])
  redis.call('HSET', KEYS[1], 'q', '1', 'j', j)
end
return { outcome, j }
`

// KEYS[1] state hash; ARGV[1] job id. Returns { order JSON, modifiedAt, digest } or {} when the
// job no longer serves the key.
const claim = `
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'po', 'pm', 'ph')
if state[1] ~= '1' or state[2] ~= ARGV[1] or not state[3] then return {} end
return { state[3], state[4], state[5] }
`

// KEYS[1] state hash; ARGV[1] job id, ARGV[2] modifiedAt, ARGV[3] digest, ARGV[4] how long to
// remember the sent version (ms). Records the version as sent; 'done' when it is still the
// pending one (the job is finished), 'more' when a newer one arrived meanwhile, 'obsolete'.
const commit = `
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'pm', 'ph', 'sm')
if state[1] ~= '1' or state[2] ~= ARGV[1] then return 'obsolete' end
local m = tonumber(ARGV[2])
local sm = tonumber(state[5])
if not sm or m >= sm then redis.call('HSET', KEYS[1], 'sm', ARGV[2], 'sh', ARGV[3]) end
if tonumber(state[3]) == m and state[4] == ARGV[3] then
  redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j')
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return 'done'
end
return 'more'
`

// KEYS[1] state hash; ARGV[1] job id, ARGV[2] modifiedAt, ARGV[3] digest, ARGV[4] how long to
// remember the key (ms). Gives up the version that failed for good: 'dead' when it is still the
// pending one, 'more' when a newer one arrived meanwhile (that one is sent instead), 'obsolete'.
const abandon = `
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'pm', 'ph')
if state[1] ~= '1' or state[2] ~= ARGV[1] then return 'obsolete' end
if tonumber(state[3]) == tonumber(ARGV[2]) and state[4] == ARGV[3] then
  redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j')
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  return 'dead'
end
return 'more'
`

// KEYS[1] state hash; ARGV[1] job id, ARGV[2] how long to remember the key (ms). For a job that
// BullMQ failed without the processor deciding it (stalled too often): takes the pending version
// out as a dead letter. Returns { order JSON, modifiedAt } or {}.
const abandonPending = `
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'po', 'pm')
if state[1] ~= '1' or state[2] ~= ARGV[1] or not state[3] then return {} end
redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return { state[3], state[4] }
`

/** What {@link OrderStateScripts.enqueue} decided. */
type EnqueueOutcome = 'queued' | 'replaced' | 'unchanged' | 'stale'

/** A version as stored: its order JSON, modifiedAt and digest. */
export interface StoredVersion {
  readonly json: string
  readonly modifiedAt: number
  readonly digest: string
}

/** The order-state scripts, bound to one ioredis client. */
export interface OrderStateScripts {
  enqueue(
    keys: { readonly state: string; readonly sequence: string },
    version: StoredVersion,
    jobKeyPrefix: string,
    jobIdPrefix: string,
  ): Promise<{ readonly outcome: EnqueueOutcome; readonly jobId: string }>
  claim(state: string, jobId: string): Promise<StoredVersion | undefined>
  commit(
    state: string,
    jobId: string,
    version: StoredVersion,
    keepMs: number,
  ): Promise<'done' | 'more' | 'obsolete'>
  abandon(
    state: string,
    jobId: string,
    version: StoredVersion,
    keepMs: number,
  ): Promise<'dead' | 'more' | 'obsolete'>
  abandonPending(
    state: string,
    jobId: string,
    keepMs: number,
  ): Promise<{ readonly json: string; readonly modifiedAt: number } | undefined>
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>

/** Defines the scripts on `redis` (sent once, then called by digest) and binds them. */
export function bindOrderStateScripts(redis: Redis): OrderStateScripts {
  const scripts = { enqueue, claim, commit, abandon, abandonPending }
  const numberOfKeys = { enqueue: 2, claim: 1, commit: 1, abandon: 1, abandonPending: 1 }
  for (const [name, lua] of Object.entries(scripts)) {
    redis.defineCommand(`ordersync_${name}`, {
      lua,
      numberOfKeys: numberOfKeys[name as keyof typeof numberOfKeys],
    })
  }
  const call = (name: keyof typeof scripts): ScriptCall =>
    (redis as unknown as Record<string, ScriptCall>)[`ordersync_${name}`] as ScriptCall
  return {
    async enqueue(keys, version, jobKeyPrefix, jobIdPrefix) {
      const [outcome, jobId] = (await call('enqueue').call(
        redis,
        keys.state,
        keys.sequence,
        version.modifiedAt,
        version.digest,
        version.json,
        jobKeyPrefix,
        jobIdPrefix,
      )) as [EnqueueOutcome, string]
      return { outcome, jobId }
    },
    async claim(state, jobId) {
      const answer = (await call('claim').call(redis, state, jobId)) as string[]
      if (answer.length === 0) return undefined
      const [json, modifiedAt, digest] = answer as [string, string, string]
      return { json, modifiedAt: Number(modifiedAt), digest }
    },
    async commit(state, jobId, version, keepMs) {
      return (await call('commit').call(
        redis,
        state,
        jobId,
        version.modifiedAt,
        version.digest,
        keepMs,
      )) as 'done' | 'more' | 'obsolete'
    },
    async abandon(state, jobId, version, keepMs) {
      return (await call('abandon').call(
        redis,
        state,
        jobId,
        version.modifiedAt,
        version.digest,
        keepMs,
      )) as 'dead' | 'more' | 'obsolete'
    },
    async abandonPending(state, jobId, keepMs) {
      const answer = (await call('abandonPending').call(redis, state, jobId, keepMs)) as string[]
      if (answer.length === 0) return undefined
      const [json, modifiedAt] = answer as [string, string]
      return { json, modifiedAt: Number(modifiedAt) }
    },
  }
}
