// A CPU profile of one part of a process (node:inspector, so that start-up and warm-up stay out of
// it), written as a .cpuprofile (Chrome DevTools opens it) and summed up on stderr: the self time
// by package (core, the platform's package, ky, undici's fetch, zod, Node's internals, the garbage
// collector) and the functions that take the most. What `sync-client.ts --profile=<file>` does.

import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
}

interface Profile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** Where a function's code lives: a package, Node's internals, or the VM's own work. */
function whereFrom({ functionName, url }: ProfileNode['callFrame']): string {
  if (functionName.startsWith('(')) return functionName
  if (url === '') return '(native code)'
  if (url.includes('undici')) return "undici (Node's fetch)"
  if (url.startsWith('node:')) return "Node's internals"
  const inModules = url.lastIndexOf('/node_modules/')
  if (inModules >= 0) {
    const [scope = '', name = ''] = url.slice(inModules + '/node_modules/'.length).split('/')
    return scope.startsWith('@') ? `${scope}/${name}` : scope
  }
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)
  if (workspace !== null) return `@ordersync/${workspace[1]}`
  return url.slice(url.lastIndexOf('/') + 1)
}

const top = (totals: Map<string, number>, all: number, count: number): string =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => `  ${((100 * time) / all).toFixed(1).padStart(5)}%  ${name}\n`)
    .join('')

/** The self time of the profile by package and by function (the idle time left out). */
function summarizeProfile(profile: Profile): string {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const byPackage = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let busy = 0
  for (const [index, id] of profile.samples.entries()) {
    const frame = nodes.get(id)?.callFrame
    const time = profile.timeDeltas[index] ?? 0
    // The idle time, and the profiler handing its profile over once the part is done.
    if (frame === undefined || frame.functionName === '(idle)' || frame.url === 'node:inspector')
      continue
    busy += time
    const where = whereFrom(frame)
    byPackage.set(where, (byPackage.get(where) ?? 0) + time)
    const name = `${frame.functionName || '(anonymous)'} — ${where}`
    byFunction.set(name, (byFunction.get(name) ?? 0) + time)
  }
  return `CPU profile: ${(busy / 1000).toFixed(0)} ms busy; self time by package:\n${top(byPackage, busy, 12)}by function:\n${top(byFunction, busy, 15)}`
}

/** Runs `run` under the CPU profiler; writes the profile to `file` and its summary to stderr. */
export async function profiled<T>(file: string, run: () => Promise<T>): Promise<T> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.start')
  const result = await run()
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile }
  session.disconnect()
  writeFileSync(file, JSON.stringify(profile))
  process.stderr.write(`${summarizeProfile(profile)}(the profile: ${file})\n`)
  return result
}
