// OpenTelemetry's cost to the client: CPU per call of core's transport with `@opentelemetry/api`
// not installed (the floor), installed with no SDK configured, and with an SDK recording every
// span and metric. Each mode runs in a process of its own (what a process can resolve is fixed
// once it loaded core), against the minimal server in another; the modes take turns in each
// repeat. The target for "no SDK" is no measurable cost (1.05×).

import { spawn } from 'node:child_process'
import { type BenchRow, repeats, startChild } from './bench-support.ts'

const here = new URL('.', import.meta.url).pathname
type Mode = 'off' | 'api' | 'sdk'

function runClient(mode: Mode, url: string, calls: number, concurrency: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${here}telemetry-client.ts`, mode, url, String(calls), String(concurrency)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`telemetry client (${mode}) exited ${code}`))
      resolve((JSON.parse(output.trim()) as { cpuPerCallUs: number }).cpuPerCallUs)
    })
  })
}

export async function benchTelemetry(calls: number, concurrency: number): Promise<BenchRow[]> {
  const server = await startChild(`${here}minimal-server.ts`, ['core'])
  try {
    const figures: Record<Mode, number[]> = { off: [], api: [], sdk: [] }
    const orders: Mode[][] = [
      ['off', 'api', 'sdk'],
      ['sdk', 'api', 'off'],
      ['api', 'off', 'sdk'],
    ]
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (const mode of orders[repeat % orders.length] as Mode[]) {
        figures[mode].push(await runClient(mode, server.firstLine, calls, concurrency))
      }
    }
    const row = (mode: 'api' | 'sdk', measure: string, target?: number): BenchRow => ({
      section: 'telemetry',
      measure: `${measure}: CPU per call, ${calls} calls, concurrency ${concurrency}, minimal server`,
      platform: '@ordersync/core',
      unit: 'µs',
      ours: figures[mode],
      floorName: 'the same calls, @opentelemetry/api not installed',
      floor: figures.off,
      better: 'lower',
      ...(target === undefined ? {} : { target }),
    })
    return [
      row('api', '@opentelemetry/api installed, no SDK', 1.05),
      row('sdk', 'an OpenTelemetry SDK recording every span and metric'),
    ]
  } finally {
    await server.stop()
  }
}
