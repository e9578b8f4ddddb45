import type { RequestListener } from 'node:http'
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import type { BeforeHookResult, BoardHooks, HookContext } from '@bull-board/api/typings/app'
import { ExpressAdapter } from '@bull-board/express'
import { Queue } from 'bullmq'
import type { RedisConnection } from './worker-settings.ts'

// bull-board (a dashboard for BullMQ) on the service's queues, under /queues: each platform's
// BullMQ queue (`sync-<platform>` under the queue's prefix, as the Scaling out guide names it),
// its jobs and counts, its failed set — the dead letters — with their reasons, and one action:
// Retry of a dead letter.
//
// Why Retry only: a retried letter's job enqueues the order again by the queue's version rules
// and sends its newest version, or nothing when the platform already holds that one or a newer
// one (the guide's "Dead letters, events and counts"). The board's other actions act on the jobs
// outside those rules: Clean, Remove and Empty delete jobs — a dead letter, or the job an order
// waits in, which is then not sent until the order is enqueued again —, Promote starts a delayed
// job at once (a retry before its backoff, or a resend before the doubt horizon of a request that
// may still land late), Add and Duplicate create jobs the queue did not decide, Pause stops the
// workers taking jobs.
//
// bull-board's own `readOnlyMode` cannot say this: in 9.10 it turns `allowRetries` off and
// refuses the retry routes too (405). So the queues are writable for bull-board, and a `before`
// hook, which bull-board runs on each API request, lets the reads through and the retries of
// failed jobs, and refuses every other action with bull-board's own read-only answer (405,
// `ERRORS.QUEUE_READ_ONLY`). The dashboard still shows the other buttons; they get that answer.

/** Where the board is served. */
export const boardPath = '/queues'

/** The board's two routes that retry (bull-board's route patterns). */
const retryJobRoute = '/api/queues/:queueName/:jobId/retry'
const retryAllRoute = '/api/queues/:queueName/retry/:queueStatus'

/** Whether a request retries dead letters: failed jobs only (the queue keeps no completed ones). */
async function retriesDeadLetters({ method, route, request }: HookContext): Promise<boolean> {
  if (method !== 'put') return false
  if (route === retryAllRoute) return request.params.queueStatus === 'failed'
  if (route !== retryJobRoute) return false
  const job = await request.queues.get(request.params.queueName)?.getJob(request.params.jobId)
  // No such queue or job: bull-board answers 404 itself.
  return job == null || (await job.getState()) === 'failed'
}

const refusal: BeforeHookResult = {
  allow: false,
  status: 405,
  errorKey: 'ERRORS.QUEUE_READ_ONLY',
  message:
    'read-only but for Retry of a dead letter: a retry goes through ordersync’s version rules, the other actions would bypass them',
}

/** Reads, and retries of dead letters: nothing else reaches bull-board's handlers. */
const hooks: BoardHooks = {
  before: async (context) => {
    if (context.method === 'get' || (await retriesDeadLetters(context))) return
    return refusal
  },
}

/**
 * A job's data as the board shows it: the order's id and `modifiedAt`, not the order. A dead
 * letter's job keeps the failed version, the buyer's data included (`queue.deadLetters()` reads
 * it), and a dashboard is no place for a phone number.
 */
function withoutOrder(data: { readonly order?: string }): unknown {
  const { order, ...shown } = data
  return order === undefined ? shown : { ...shown, order: '(not shown: read it with deadLetters)' }
}

/** Options of {@link startQueueBoard}. */
export interface QueueBoardOptions {
  readonly redis: RedisConnection
  /** The queue's Redis key prefix. */
  readonly prefix: string
  /** The platforms whose queues the board shows. */
  readonly platforms: readonly string[]
  readonly log: (line: string) => void
}

/** The board: a request listener for the paths under {@link boardPath}. */
export interface QueueBoard {
  readonly handle: RequestListener
  /** Closes the board's BullMQ queues (their Redis connections). */
  close(): Promise<void>
}

/** Hands a request under {@link boardPath} to `app`, which serves its paths from `/`. */
function mountedAt(app: RequestListener): RequestListener {
  return (request, response) => {
    const rest = (request.url ?? boardPath).slice(boardPath.length)
    request.url = rest.startsWith('/') ? rest : `/${rest}`
    app(request, response)
  }
}

/**
 * bull-board on the BullMQ queues of `platforms`, with its own connections to Redis: the pages
 * and reads, and Retry of dead letters; every other action answers 405.
 */
export function startQueueBoard(options: QueueBoardOptions): QueueBoard {
  const queues = options.platforms.map((platform) => {
    const queue = new Queue(`sync-${platform}`, {
      connection: { ...options.redis },
      prefix: options.prefix,
    })
    queue.on('error', (error) => options.log(`[ops] board: ${error.message}`))
    return queue
  })
  const serverAdapter = new ExpressAdapter().setBasePath(boardPath)
  const adapters = queues.map((queue) => {
    const adapter = new BullMQAdapter(queue, { allowRetries: true })
    adapter.setFormatter('data', withoutOrder)
    return adapter
  })
  createBullBoard({
    queues: adapters,
    serverAdapter,
    options: { handlerHooks: hooks, uiConfig: { boardTitle: 'ordersync queues' } },
  })
  // An Express application, which is a request listener for Node's `http`.
  const app: RequestListener = serverAdapter.getRouter()
  return {
    handle: mountedAt(app),
    close: async () => {
      await Promise.all(queues.map((queue) => queue.close()))
    },
  }
}
