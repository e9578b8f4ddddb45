import type * as t from 'io-ts'
import { OrderSyncError } from '../errors/order-sync-error.ts'
import { loadedTelemetry, loadTelemetry } from '../telemetry/telemetry.ts'
import { traceCall } from '../telemetry/trace-call.ts'
import { type CallRun, failCall, startCall, type TransportSetup } from './call-run.ts'
import { checkSignal } from './check-signal.ts'
import { judgeAnswer, judgeFailure } from './judge-attempt.ts'
import { type Attempt, prepareAttempt } from './prepare-attempt.ts'
import { readAnswer } from './read-answer.ts'
import { abortedError, describeDecodeErrors, undecodableAnswerError } from './transport-errors.ts'
import type { TransportCall, TransportResult } from './transport-types.ts'

// setTimeout's largest delay; ky refuses a longer timeout.
const maxTimeoutMs = 2_147_483_647
// Every sync endpoint is an upsert: a POST is as safe to repeat as a GET.
const retriedMethods = ['get', 'post']

/**
 * Sends one call: its attempts go through ky, and what ky cannot know — how the platform's answer
 * reads, what each attempt says about the order, the token and the signature of each attempt,
 * redaction — comes from the transport's units, as ky's options and hooks.
 */
export async function sendCall<T>(
  setup: TransportSetup,
  call: TransportCall<T>,
): Promise<TransportResult<T>> {
  checkSignal(call.signal, setup.platform, 'signal')
  const telemetry = loadedTelemetry() ?? (await loadTelemetry())
  const run = startCall(setup, call)
  if (telemetry === undefined) return sendRun(run, call.decode)
  return traceCall(telemetry, run, () => sendRun(run, call.decode))
}

/** The call's attempts, and what their answer comes to. */
async function sendRun<T>(
  run: CallRun,
  decoder: t.Decoder<unknown, T>,
): Promise<TransportResult<T>> {
  let succeeded: Attempt
  try {
    succeeded = await sendThroughKy(run)
  } catch (thrown) {
    throw settleFailure(run, thrown)
  }
  return acceptAnswer(run, succeeded, decoder)
}

/**
 * The attempts of a call, through ky: the first is prepared here, each retry in ky's `beforeRetry`
 * (after ky's wait, so a retry carries a token and a signature made when it is sent). ky retries,
 * waits, times attempts out and stops at its limit; the transport's hooks say whether and when.
 *
 * @returns The attempt that succeeded: ky resolves only once `afterResponse` let its answer through.
 */
async function sendThroughKy(run: CallRun): Promise<Attempt> {
  const { setup, call } = run
  // The attempt in progress: ky's fetch and afterResponse hook belong to it.
  let current = await prepareAttempt(run, 1)
  const kyModule = await setup.loadKy()
  const ky = kyModule.default
  // Preparing the attempt and loading ky (the first call only) take turns of the event loop: a
  // hook or the caller may have aborted meanwhile, and then nothing is sent.
  call.signal?.throwIfAborted()
  // ky gets the method and the signal only: the request itself (URL, headers, body) is the
  // attempt's, sent by readAnswer as a string body. Handed to ky, the body would become a stream
  // that ky copies for each retry and fetch pipes through a TransformStream: about a third of the
  // HTTP stack's CPU per call.
  await ky(current.url, {
    method: current.request.method,
    ...(call.signal === undefined ? {} : { signal: call.signal }),
    timeout: Math.min(setup.policy.timeoutMs, maxTimeoutMs),
    // Statuses are the platform's to read (a 200 may say "busy", a 503 may not): the classifier
    // decides, and afterResponse turns its verdict into a retry or an error.
    throwHttpErrors: false,
    fetch: (input, init) => readAnswer(run, current, input, init),
    retry: {
      // Every retry the plan can allow, plus the one token replay: the plan stops first.
      limit: setup.policy.maxAttempts,
      methods: retriedMethods,
      shouldRetry: ({ error }) => judgeFailure(run, current, error, kyModule),
      delay: (attempt) => run.record.delayAfter(attempt),
    },
    hooks: {
      beforeRetry: [
        async ({ retryCount }) => {
          // The retry's request is made here (a fresh token and signature); readAnswer sends it,
          // under ky's signal for the retry (the caller's abort and ky's timeout).
          current = await prepareAttempt(run, retryCount + 1)
          call.signal?.throwIfAborted()
        },
      ],
      afterResponse: [() => judgeAnswer(run, current, ky.retry)],
    },
  })
  return current
}

/** Decodes the successful answer, or ends the call: the platform said yes in a shape we do not know. */
function acceptAnswer<T>(
  run: CallRun,
  attempt: Attempt,
  decoder: t.Decoder<unknown, T>,
): TransportResult<T> {
  if (attempt.answer === undefined) throw new TypeError('[ordersync] ky resolved without an answer')
  const { response } = attempt.answer
  const decoded = decoder.decode(response.json)
  const { number } = attempt
  if (decoded._tag === 'Left') {
    const failure = describeDecodeErrors(decoded.left)
    run.record.add({ attempt: number, failure, delayMs: 0, httpStatus: response.status }, true)
    // It may well have stored the order.
    run.record.noteMayBeStored()
    throw failCall(run, undecodableAnswerError(run, response, decoded.left))
  }
  run.record.add(
    { attempt: number, failure: 'none', delayMs: 0, httpStatus: response.status },
    true,
  )
  // The attempts are redacted the first time someone reads them, never before.
  let attempts: ReturnType<typeof run.record.attempts> | undefined
  return {
    data: decoded.right,
    status: response.status,
    get attempts() {
      attempts ??= run.record.attempts(run.redaction.current)
      return attempts
    },
    response,
  }
}

/**
 * What a call that ky did not complete throws: an abort, at whatever point it came (a wait, a
 * token, a request in flight), becomes the call's "aborted" error; the call's own errors, reported
 * already, and anything else go on unchanged.
 */
function settleFailure(run: CallRun, thrown: unknown): unknown {
  const signal = run.call.signal
  if (signal?.aborted && (thrown === signal.reason || !OrderSyncError.isInstance(thrown))) {
    return failCall(run, abortedError(run, signal.reason))
  }
  return thrown
}
