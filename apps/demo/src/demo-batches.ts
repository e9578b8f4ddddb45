import { type OrderSyncPlatformV1, syncOrders } from '@ordersync/core'
import type { Sandbox } from '@ordersync/sandbox'
import type { BatchStatus } from './demo-api-types.ts'
import { demoRetry } from './demo-faults.ts'
import { DemoRequestError } from './demo-request-error.ts'
import { generateBatchOrders } from './generate-batch-orders.ts'
import type { DemoPlatform } from './platform-registry.ts'

/** The batches of the page: start one, read where it stands. */
export interface DemoBatches {
  start(
    platform: DemoPlatform,
    client: OrderSyncPlatformV1,
    count: unknown,
    outage: unknown,
  ): BatchStatus
  status(id: string): BatchStatus
}

/** Checks the page's batch request. */
function checkBatchRequest(count: unknown, outage: unknown): asserts outage is boolean {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > 2000) {
    throw new DemoRequestError(400, 'count must be a whole number from 1 to 2000')
  }
  if (typeof outage !== 'boolean') throw new DemoRequestError(400, 'outage must be true or false')
}

/**
 * The page's batches over a running sandbox: each runs in the background through `syncOrders`,
 * and its status is kept for the page to poll.
 *
 * @param sandbox - The running sandbox.
 * @returns How to start a batch and read its status.
 */
export function createDemoBatches(sandbox: Sandbox): DemoBatches {
  const batches = new Map<string, BatchStatus>()
  let batchCount = 0

  const start: DemoBatches['start'] = (platform, client, count, outage) => {
    checkBatchRequest(count, outage)
    batchCount += 1
    const batchId = `batch-${batchCount}`
    let status: BatchStatus = {
      id: batchId,
      platform: platform.id,
      total: count as number,
      outage,
      done: 0,
      succeeded: 0,
      failed: 0,
      uncertain: 0,
      finished: false,
      failures: [],
    }
    const update = (change: Partial<BatchStatus>): void => {
      status = { ...status, ...change }
      batches.set(batchId, status)
    }
    update({})
    const orders = generateBatchOrders(platform, count as number, batchCount)
    const failures: BatchStatus['failures'][number][] = []
    const run = async (): Promise<void> => {
      if (outage) {
        // Every attempt of the first call is dropped: the orders it carries end uncertain. One
        // call at a time, so that the outage hits exactly the first call, every run.
        // On the call that stores the orders (not a read before it), so that they end uncertain.
        sandbox.control.injectFault({
          platform: platform.id,
          endpoint: platform.syncEndpoint,
          action: { type: 'drop' },
          times: demoRetry.maxAttempts ?? 1,
        })
      }
      const report = await syncOrders({
        platform: client,
        orders,
        concurrency: outage ? 1 : 4,
        keepResults: 'none',
        onResult: (result) => {
          if (result.status === 'failed' && failures.length < 10) {
            failures.push({
              orderId: result.orderId,
              delivery: result.delivery,
              message: result.error.message,
            })
          }
        },
        onProgress: (progress) =>
          update({
            done: progress.done,
            succeeded: progress.succeeded,
            failed: progress.failed,
            uncertain: progress.uncertain,
            failures: [...failures],
          }),
      })
      update({
        done: report.succeeded + report.failed + report.skipped,
        succeeded: report.succeeded,
        failed: report.failed,
        uncertain: report.uncertain,
        failures: [...failures],
        finished: true,
      })
    }
    run()
      .catch((error: unknown) => {
        failures.push({
          orderId: undefined,
          delivery: undefined,
          message: error instanceof Error ? error.message : String(error),
        })
        update({ finished: true, failures: [...failures] })
      })
      .finally(() => {
        if (outage) sandbox.control.clearFaults(platform.id)
      })
    return status
  }

  return {
    start,
    status: (id) => {
      const status = batches.get(id)
      if (status === undefined) throw new DemoRequestError(404, `no batch "${id}"`)
      return status
    },
  }
}
