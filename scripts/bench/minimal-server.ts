// The minimal server: answers every request with the platform's success answer and nothing else.
// Runs in its own process (the bench spawns it); prints its URL, serves until stdin closes. With
// --latency-ms=N, each answer goes N milliseconds after the request's body has arrived (a platform
// across the internet, for the latency measure).
//
//   node scripts/bench/minimal-server.ts <platform id> [--latency-ms=N]
//   node scripts/bench/minimal-server.ts core      # `{"code":0}`, for the transport measure

import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type BenchPlatformEntry, benchPlatforms } from './bench-platforms.ts'

const coreAnswer: BenchPlatformEntry['minimalAnswer'] = {
  headers: { 'content-type': 'application/json' },
  body: '{"code":0}',
}
const minimalAnswer =
  process.argv[2] === 'core'
    ? coreAnswer
    : benchPlatforms.find((candidate) => candidate.id === process.argv[2])?.minimalAnswer
if (minimalAnswer === undefined)
  throw new Error(`minimal server: no bench entry for ${process.argv[2]}`)
const { headers, body, answer } = minimalAnswer
const latencyMs = Number(
  process.argv.find((arg) => arg.startsWith('--latency-ms='))?.slice('--latency-ms='.length) ?? 0,
)
if (!Number.isFinite(latencyMs) || latencyMs < 0)
  throw new Error(`minimal server: --latency-ms must be a number of at least 0`)
const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  if (answer === undefined) request.resume()
  else request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    const text = answer === undefined ? body : answer(Buffer.concat(chunks).toString('utf8'))
    const respond = () => {
      response.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(text) })
      response.end(text)
    }
    if (latencyMs === 0) respond()
    else setTimeout(respond, latencyMs)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`)
})
process.stdin.resume()
process.stdin.on('end', () => {
  server.close()
  server.closeAllConnections()
})
