import type { Redis } from 'ioredis'

// The state of one order of one platform, in one Redis hash, changed only by these scripts so
// that every decision about versions is atomic across processes:
//   pm, ph, po — the newest version, until its delivery is settled: its modifiedAt (epoch ms),
//                content digest and order JSON;
//   sm, sh     — the newest version the platform confirmed: modifiedAt and digest (recorded only
//                for the version that is the newest when the confirmation lands);
//   q, j       — whether a job is responsible for the newest version, and that job's id;
//   dh         — the doubt horizon (Redis time, epoch ms): until then a request sent earlier may
//                still reach the platform, so only a send started at or after it settles the key;
//   tc         — how many takeovers (BullMQ's stalled counter) of job `j` were taken into account;
//   lo         — a worker lost this key's job while sending: keep the delivered version's JSON;
//   so         — that JSON, so that a late send found afterwards can be repaired.
// Only the job whose id is `j`, holding its BullMQ lock, may send; any other job for the key finds
// itself obsolete and ends without sending. That is what keeps two versions of one order from
// being in flight at once, even when two enqueuers race to create the job. Times come from Redis
// (TIME), so that the workers' clocks do not matter.

// The functions every script shares (kept free of Lua comments: the text ships in each script):
// - nowMs: Redis time, epoch ms;
// - live: whether a job's BullMQ hash exists and has not finished (a job that failed for good,
//   or one lost between the enqueue script and BullMQ's add, no longer serves the key);
// - newJob: a new job id for the key, recorded as the job that serves it;
// - notOwned: why job jobId, holding the lock token, does not serve the key — 'lock' (the lock is
//   no longer its own), 'key' (another job serves the key, or none does) — or nil when it does;
// - pushHorizon: moves the doubt horizon to `horizon` if that is later; returns the horizon;
// - repair: for a job that no longer serves the key and sent, or may have sent, version m (digest
//   d), which may land over the newest: makes sure that the newest is sent again once that
//   request can no longer arrive. When the newest is still pending, its horizon moves (and a job
//   is made for it if none serves it); when the order was finished with a newer version than m,
//   that version is restored from its kept JSON, or, when none is kept, the key is marked so
//   that enqueueing the newest again sends it. Returns { 'obsolete' or 'unrepaired', id of a job
//   to add or '', its delay (ms), why the job does not serve the key }.
const prelude = `
local function nowMs()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function live(jobKeyPrefix, jobId)
  return jobId and redis.call('EXISTS', jobKeyPrefix .. jobId) == 1
    and redis.call('HEXISTS', jobKeyPrefix .. jobId, 'finishedOn') == 0
end
local function newJob(state, sequence, jobIdPrefix)
  local jobId = jobIdPrefix .. '.' .. redis.call('INCR', sequence)
  redis.call('HSET', state, 'q', '1', 'j', jobId, 'tc', '0')
  return jobId
end
local function notOwned(state, lock, jobId, token)
  if redis.call('GET', lock) ~= token then return 'lock' end
  local fields = redis.call('HMGET', state, 'q', 'j')
  if fields[1] ~= '1' or fields[2] ~= jobId then return 'key' end
  return nil
end
local function pushHorizon(state, horizon)
  local current = tonumber(redis.call('HGET', state, 'dh'))
  if not current or horizon > current then redis.call('HSET', state, 'dh', horizon) end
  return math.max(horizon, current or 0)
end
local function repair(state, sequence, jobKeyPrefix, jobIdPrefix, late, lost, m, d)
  local now = nowMs()
  local fields = redis.call('HMGET', state, 'pm', 'q', 'j', 'sm', 'sh', 'so')
  if fields[1] then
    local horizon = pushHorizon(state, now + late)
    if fields[2] == '1' and live(jobKeyPrefix, fields[3]) then return { 'obsolete', '', 0, lost } end
    return { 'obsolete', newJob(state, sequence, jobIdPrefix), horizon - now, lost }
  end
  local sm = tonumber(fields[4])
  if not sm or m > sm or (m == sm and d == fields[5]) then return { 'obsolete', '', 0, lost } end
  if not fields[6] then
    redis.call('HDEL', state, 'sh')
    return { 'unrepaired', '', 0, lost }
  end
  redis.call('HSET', state, 'pm', fields[4], 'ph', fields[5], 'po', fields[6], 'dh', now + late)
  redis.call('PERSIST', state)
  return { 'obsolete', newJob(state, sequence, jobIdPrefix), late, lost }
end
`

// KEYS[1] state hash, KEYS[2] job id sequence.
// ARGV[1] modifiedAt, ARGV[2] digest, ARGV[3] order JSON, ARGV[4] BullMQ job key prefix,
// ARGV[5] job id prefix.
// Returns { outcome, job id or '' }.
const enqueue = `${prelude}
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
if not (q == '1' and live(ARGV[4], j)) then j = newJob(KEYS[1], KEYS[2], ARGV[5]) end
return { outcome, j }
`

// KEYS[1] state hash; ARGV[1] job id, ARGV[2] the job's stalled counter, ARGV[3] late arrival
// (ms); for a dead letter BullMQ retried, ARGV[4] its order JSON, ARGV[5] modifiedAt, ARGV[6]
// digest, ARGV[7] BullMQ job key prefix.
// Returns { order JSON, modifiedAt, digest } of the newest version, or {} when the job does not
// serve the key. A job taken over from a worker whose lock ran out (its stalled counter went up)
// treats that worker's send as in doubt: the horizon moves to now + late arrival. A retried dead
// letter is enqueued again by the version rules (nothing to send when the platform holds that
// version or a newer one), with this job to serve it when none does.
const claim = `${prelude}
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'po', 'pm', 'ph', 'tc')
if state[1] == '1' and state[2] == ARGV[1] and state[3] then
  local stalled = tonumber(ARGV[2])
  if stalled > (tonumber(state[6]) or 0) then
    redis.call('HSET', KEYS[1], 'tc', stalled, 'lo', '1')
    pushHorizon(KEYS[1], nowMs() + tonumber(ARGV[3]))
  end
  return { state[3], state[4], state[5] }
end
if not ARGV[4] then return {} end
local m, d = tonumber(ARGV[5]), ARGV[6]
local pm = tonumber(state[4])
local newer
if pm then
  newer = m > pm or (m == pm and d ~= state[5])
else
  local sent = redis.call('HMGET', KEYS[1], 'sm', 'sh')
  local sm = tonumber(sent[1])
  newer = not (sm and (m < sm or (m == sm and d == sent[2])))
end
if not newer and not pm then return {} end
if newer then
  redis.call('HSET', KEYS[1], 'pm', ARGV[5], 'ph', d, 'po', ARGV[4])
  redis.call('PERSIST', KEYS[1])
end
if state[1] == '1' and state[2] ~= ARGV[1] and live(ARGV[7], state[2]) then return {} end
redis.call('HSET', KEYS[1], 'q', '1', 'j', ARGV[1], 'tc', ARGV[2])
return redis.call('HMGET', KEYS[1], 'po', 'pm', 'ph')
`

// KEYS[1] state hash, KEYS[2] the job's BullMQ lock; ARGV[1] job id, ARGV[2] lock token.
// Right before a send: the Redis time when the job still serves the key, else -1 (another job
// serves it, or none) or -2 (the job's lock is no longer its own).
const fence = `${prelude}
local lost = notOwned(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
if lost == 'lock' then return -2 end
if lost then return -1 end
return nowMs()
`

// KEYS[1] state hash, KEYS[2] lock, KEYS[3] job id sequence; ARGV[1] job id, ARGV[2] lock token,
// ARGV[3] modifiedAt, ARGV[4] digest, ARGV[5] when the send was fenced (Redis time), ARGV[6] '1'
// when a request of the send may still land, ARGV[7] late arrival (ms), ARGV[8] how long to
// remember the key (ms), ARGV[9] BullMQ job key prefix, ARGV[10] job id prefix, ARGV[11] '1' when
// the request in doubt was followed by a later request of the same send (landing late, it would
// undo that one).
// The platform confirmed the version. { 'done' } when it is the newest and no earlier request
// can land after it (the job is finished; a horizon of this send's own harmless doubt stays, for
// a newer version sent before it passes); { 'again', delay } when the newest must be sent again
// once the horizon has passed; { 'more' } when a newer version arrived meanwhile; or, for a job
// that no longer serves the key, what `repair` says.
const commit = `${prelude}
local lost = notOwned(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
if lost then
  return repair(KEYS[1], KEYS[3], ARGV[9], ARGV[10], tonumber(ARGV[7]), lost, tonumber(ARGV[3]), ARGV[4])
end
local now = nowMs()
local state = redis.call('HMGET', KEYS[1], 'pm', 'ph', 'dh', 'lo')
local horizon = tonumber(state[3])
if ARGV[6] == '1' then
  local pushed = pushHorizon(KEYS[1], now + tonumber(ARGV[7]))
  -- A request in doubt that was the last of its send only repeats this version if it lands late:
  -- the order is done, but its horizon stays for a newer version sent before it passes.
  if ARGV[11] == '1' then horizon = pushed end
end
if tonumber(state[1]) ~= tonumber(ARGV[3]) or state[2] ~= ARGV[4] then return { 'more' } end
redis.call('HSET', KEYS[1], 'sm', ARGV[3], 'sh', ARGV[4])
if horizon and tonumber(ARGV[5]) < horizon then return { 'again', math.max(horizon - now, 0) } end
local kept = tonumber(redis.call('HGET', KEYS[1], 'dh'))
if state[4] then
  redis.call('HSET', KEYS[1], 'so', redis.call('HGET', KEYS[1], 'po'))
else
  redis.call('HDEL', KEYS[1], 'so')
end
redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j', 'tc')
if not kept or kept <= now then redis.call('HDEL', KEYS[1], 'dh') end
redis.call('PEXPIRE', KEYS[1], ARGV[8])
return { 'done' }
`

// KEYS[1] state hash, KEYS[2] lock, KEYS[3] job id sequence; ARGV[1] job id, ARGV[2] lock token,
// ARGV[3] late arrival (ms), ARGV[4] BullMQ job key prefix, ARGV[5] job id prefix, ARGV[6]
// modifiedAt and ARGV[7] digest of the version sent.
// A send that failed may still land: the horizon moves to now + late arrival. { 'noted' }, or
// what `repair` says for a job that no longer serves the key.
const doubt = `${prelude}
local lost = notOwned(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
if lost then
  return repair(KEYS[1], KEYS[3], ARGV[4], ARGV[5], tonumber(ARGV[3]), lost, tonumber(ARGV[6]), ARGV[7])
end
pushHorizon(KEYS[1], nowMs() + tonumber(ARGV[3]))
return { 'noted' }
`

// KEYS[1] state hash, KEYS[2] lock, KEYS[3] job id sequence; ARGV[1] job id, ARGV[2] lock token,
// ARGV[3] modifiedAt, ARGV[4] digest, ARGV[5] how long to remember the key (ms), ARGV[6] '1' when
// the send may have reached the platform, ARGV[7] late arrival (ms), ARGV[8] BullMQ job key
// prefix, ARGV[9] job id prefix.
// Gives up the version that failed for good: { 'dead' } when it is still the newest, { 'more' }
// when a newer one arrived meanwhile (that one is sent instead); for a job that no longer serves
// the key, what `repair` says when it may have sent, else { 'obsolete', '', 0 }.
const abandon = `${prelude}
local lost = notOwned(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
if lost and ARGV[6] ~= '1' then return { 'obsolete', '', 0, lost } end
if lost then
  return repair(KEYS[1], KEYS[3], ARGV[8], ARGV[9], tonumber(ARGV[7]), lost, tonumber(ARGV[3]), ARGV[4])
end
local state = redis.call('HMGET', KEYS[1], 'pm', 'ph')
if tonumber(state[1]) == tonumber(ARGV[3]) and state[2] == ARGV[4] then
  redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j', 'dh', 'tc')
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return { 'dead' }
end
return { 'more' }
`

// KEYS[1] state hash; ARGV[1] job id, ARGV[2] how long to remember the key (ms). For a job that
// BullMQ failed without the processor deciding it (stalled too often): takes the newest version
// out as a dead letter. Returns { order JSON, modifiedAt } or {}.
const abandonPending = `
local state = redis.call('HMGET', KEYS[1], 'q', 'j', 'po', 'pm')
if state[1] ~= '1' or state[2] ~= ARGV[1] or not state[3] then return {} end
redis.call('HDEL', KEYS[1], 'pm', 'ph', 'po', 'q', 'j', 'dh', 'tc')
redis.call('HSET', KEYS[1], 'lo', '1')
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

/** Where a job's state lives: the order's hash, the job's BullMQ lock, and how to make a job. */
export interface JobKeys {
  /** The order's state hash. */
  readonly state: string
  /** The job's BullMQ lock key. */
  readonly lock: string
  /** The job id sequence of the platform. */
  readonly sequence: string
  /** BullMQ's job key prefix of the platform's queue (`<prefix>:<queue>:`). */
  readonly jobKeyPrefix: string
  /** The prefix of the order's job ids (its id, URI-encoded). */
  readonly jobIdPrefix: string
}

/** Who asks: the job's id and the token of its BullMQ lock. */
export interface JobOwner {
  readonly jobId: string
  readonly token: string
}

/**
 * What a job that no longer serves its order found after it sent, or may have sent: `obsolete`
 * (the newest version is sent again after the horizon; `jobId` is a job to add for it, delayed by
 * `delayMs`, or `''` when a job serves it already), or `unrepaired` (the newest version's JSON was
 * no longer kept: its next enqueue sends it).
 */
export interface Repair {
  readonly status: 'obsolete' | 'unrepaired'
  readonly jobId: string
  readonly delayMs: number
  /** Why the job does not serve the order: `lock` (its lock was lost) or `key` (another job, or none, serves it). */
  readonly lost: 'key' | 'lock'
}

/** What a commit decided. */
type CommitDecision =
  | { readonly status: 'done' | 'more' }
  | { readonly status: 'again'; readonly delayMs: number }
  | Repair

/** The order-state scripts, bound to one ioredis client. */
export interface OrderStateScripts {
  enqueue(
    keys: { readonly state: string; readonly sequence: string },
    version: StoredVersion,
    jobKeyPrefix: string,
    jobIdPrefix: string,
  ): Promise<{ readonly outcome: EnqueueOutcome; readonly jobId: string }>
  claim(
    keys: JobKeys,
    job: {
      readonly jobId: string
      readonly stalledCounter: number
      readonly lateArrivalMs: number
    },
    deadLetter: StoredVersion | undefined,
  ): Promise<StoredVersion | undefined>
  /** The Redis time when `owner` still serves the key, else why not. */
  fence(keys: JobKeys, owner: JobOwner): Promise<number | 'key' | 'lock'>
  commit(
    keys: JobKeys,
    owner: JobOwner,
    send: {
      readonly version: StoredVersion
      readonly fencedAt: number
      readonly inDoubt: boolean
      /** Whether a later request of the same send went after the one in doubt. */
      readonly overtakes: boolean
      readonly lateArrivalMs: number
      readonly keepMs: number
    },
  ): Promise<CommitDecision>
  doubt(
    keys: JobKeys,
    owner: JobOwner,
    send: { readonly version: StoredVersion; readonly lateArrivalMs: number },
  ): Promise<{ readonly status: 'noted' } | Repair>
  abandon(
    keys: JobKeys,
    owner: JobOwner,
    send: {
      readonly version: StoredVersion
      readonly mayHaveSent: boolean
      readonly lateArrivalMs: number
      readonly keepMs: number
    },
  ): Promise<{ readonly status: 'dead' | 'more' } | Repair>
  abandonPending(
    state: string,
    jobId: string,
    keepMs: number,
  ): Promise<{ readonly json: string; readonly modifiedAt: number } | undefined>
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>

const scriptKeys = {
  enqueue: 2,
  claim: 1,
  fence: 2,
  commit: 3,
  doubt: 3,
  abandon: 3,
  abandonPending: 1,
} as const

/** A script's answer (`{ status }`, `{ 'again', delay }` or `{ status, job id, delay }`) as a decision. */
function decision(answer: readonly (string | number)[]): CommitDecision {
  const status = answer[0] as string
  if (status === 'again') return { status, delayMs: Number(answer[1] ?? 0) }
  if (status === 'obsolete' || status === 'unrepaired') {
    return {
      status,
      jobId: String(answer[1] ?? ''),
      delayMs: Number(answer[2] ?? 0),
      lost: answer[3] === 'lock' ? 'lock' : 'key',
    }
  }
  return { status: status as 'done' | 'more' }
}

/** Defines the scripts on `redis` (sent once, then called by digest) and binds them. */
export function bindOrderStateScripts(redis: Redis): OrderStateScripts {
  const scripts = { enqueue, claim, fence, commit, doubt, abandon, abandonPending }
  for (const [name, lua] of Object.entries(scripts)) {
    redis.defineCommand(`ordersync_${name}`, {
      lua,
      numberOfKeys: scriptKeys[name as keyof typeof scriptKeys],
    })
  }
  const call = (name: keyof typeof scripts, ...args: (string | number)[]): Promise<unknown> =>
    ((redis as unknown as Record<string, ScriptCall>)[`ordersync_${name}`] as ScriptCall).call(
      redis,
      ...args,
    )
  const jobKeys = (keys: JobKeys) => [keys.state, keys.lock, keys.sequence]
  return {
    async enqueue(keys, version, jobKeyPrefix, jobIdPrefix) {
      const [outcome, jobId] = (await call(
        'enqueue',
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
    async claim(keys, job, deadLetter) {
      const letter =
        deadLetter === undefined
          ? []
          : [deadLetter.json, deadLetter.modifiedAt, deadLetter.digest, keys.jobKeyPrefix]
      const answer = (await call(
        'claim',
        keys.state,
        job.jobId,
        job.stalledCounter,
        job.lateArrivalMs,
        ...letter,
      )) as string[]
      if (answer.length === 0) return undefined
      const [json, modifiedAt, digest] = answer as [string, string, string]
      return { json, modifiedAt: Number(modifiedAt), digest }
    },
    async fence(keys, owner) {
      const now = (await call('fence', keys.state, keys.lock, owner.jobId, owner.token)) as number
      if (now === -2) return 'lock'
      return now < 0 ? 'key' : now
    },
    async commit(keys, owner, send) {
      return decision(
        (await call(
          'commit',
          ...jobKeys(keys),
          owner.jobId,
          owner.token,
          send.version.modifiedAt,
          send.version.digest,
          send.fencedAt,
          send.inDoubt ? '1' : '0',
          send.lateArrivalMs,
          send.keepMs,
          keys.jobKeyPrefix,
          keys.jobIdPrefix,
          send.overtakes ? '1' : '0',
        )) as (string | number)[],
      )
    },
    async doubt(keys, owner, send) {
      const answer = (await call(
        'doubt',
        ...jobKeys(keys),
        owner.jobId,
        owner.token,
        send.lateArrivalMs,
        keys.jobKeyPrefix,
        keys.jobIdPrefix,
        send.version.modifiedAt,
        send.version.digest,
      )) as (string | number)[]
      return answer[0] === 'noted' ? { status: 'noted' } : (decision(answer) as Repair)
    },
    async abandon(keys, owner, send) {
      return decision(
        (await call(
          'abandon',
          ...jobKeys(keys),
          owner.jobId,
          owner.token,
          send.version.modifiedAt,
          send.version.digest,
          send.keepMs,
          send.mayHaveSent ? '1' : '0',
          send.lateArrivalMs,
          keys.jobKeyPrefix,
          keys.jobIdPrefix,
        )) as (string | number)[],
      ) as { readonly status: 'dead' | 'more' } | Repair
    },
    async abandonPending(state, jobId, keepMs) {
      const answer = (await call('abandonPending', state, jobId, keepMs)) as string[]
      if (answer.length === 0) return undefined
      const [json, modifiedAt] = answer as [string, string]
      return { json, modifiedAt: Number(modifiedAt) }
    },
  }
}
