import { type ChildProcess, fork } from 'node:child_process'
import { syncWorkerProcessScript } from './sync-worker-process.ts'

/**
 * Starts `count` worker processes (see `sync-worker-process.ts`) and resolves once each takes
 * jobs.
 *
 * @internal
 */
export async function startWorkerProcesses(
  count: number,
  env: Readonly<Record<string, string>>,
): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () =>
    fork(syncWorkerProcessScript, [], {
      execArgv: [],
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`worker process exited early (${code})`)))
          child.once('message', () => resolve())
        }),
    ),
  )
  return children
}

/**
 * Closes the worker processes that are still alive, gracefully, and waits for them to end. A
 * process that has not ended `graceMs` after it was asked to is killed (SIGKILL), with a warning
 * naming it: a test's cleanup never waits on a stuck worker, and no worker outlives the test.
 *
 * @internal
 */
export async function stopWorkerProcesses(
  children: readonly ChildProcess[],
  graceMs = 15_000,
): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve()
          const killTimer = setTimeout(() => {
            console.warn(
              `[workers] worker process ${child.pid} did not close within ${graceMs} ms: killed`,
            )
            child.kill('SIGKILL')
          }, graceMs)
          child.once('exit', () => {
            clearTimeout(killTimer)
            resolve()
          })
          child.kill('SIGCONT')
          if (child.connected) child.send({ type: 'exit' })
          else child.kill('SIGKILL')
        }),
    ),
  )
}
