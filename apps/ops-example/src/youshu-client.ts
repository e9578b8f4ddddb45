import type { SyncWorkerPlatform } from '@ordersync/queue'
import { youshuSandboxKnownRetcodes } from '@ordersync/sandbox'
import { createYoushu } from '@ordersync/youshu'
import type { YoushuCredentials } from './worker-settings.ts'

// The platform of this example: Tencent Youshu, which signs each request with the app secret (no
// access token to share between the worker processes). A platform with access tokens (WeChat,
// Baidu, Wixtar) would give each worker's client a Redis token store, so that the processes fetch
// one token between them (the Scaling out guide, "Shared tokens").

/** The platform id the service's queue serves. */
export const platform = 'youshu'

/**
 * The workers' platform: a function that makes the Youshu client with the worker's `fetch`, which
 * takes a slot of the platform's rate limit (kept in Redis, across every worker) before each
 * request, pointed at `baseURL` (the sandbox).
 */
export function youshuWorkerPlatform(
  baseURL: string,
  credentials: YoushuCredentials,
): SyncWorkerPlatform {
  return ({ fetch }) =>
    createYoushu({
      ...credentials,
      environment: 'test',
      baseURL,
      // The sandbox's own failure codes (Youshu's list is not public).
      knownRetcodes: youshuSandboxKnownRetcodes,
      fetch,
    })
}
