import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { DemoApi } from './demo-api.ts'
import { DemoRequestError } from './demo-request-error.ts'

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  readonly api: DemoApi
  /** The folder of the built page: `index.html`, `app.js`, `app.css`, `favicon.svg`. */
  readonly pageDirectory: string
  /** The port; 0 picks a free one. */
  readonly port: number
}

/** The running demo server. */
export interface DemoServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string
  close(): Promise<void>
}

// The page's files, by the path the browser asks for. Nothing else is served from disk.
const pageFiles: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  // The page links its icon; a browser that asks for /favicon.ico anyway gets the same one.
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
  '/favicon.ico': { file: 'favicon.svg', type: 'image/svg+xml' },
}
const maxBodyBytes = 1_000_000

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        reject(new DemoRequestError(413, 'the request body is over 1 MB'))
        request.destroy()
      } else chunks.push(chunk)
    })
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      try {
        resolve(text === '' ? {} : JSON.parse(text))
      } catch {
        reject(new DemoRequestError(400, 'the request body is not JSON'))
      }
    })
    request.on('error', reject)
  })
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new DemoRequestError(400, `${name} must be a non-empty string`)
  }
  return value
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

async function route(api: DemoApi, request: IncomingMessage): Promise<[number, unknown]> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  const method = request.method ?? 'GET'
  const path = url.pathname
  if (method === 'GET' && path === '/api/bootstrap') return [200, api.bootstrap()]
  if (method === 'POST' && path === '/api/preview') {
    return [200, api.preview(field(await readJson(request), 'order'))]
  }
  if (method === 'POST' && path === '/api/sync') {
    const body = await readJson(request)
    return [200, await api.sync(text(field(body, 'platform'), 'platform'), field(body, 'order'))]
  }
  if (method === 'POST' && path === '/api/mapping') {
    const body = await readJson(request)
    return [200, api.mapping(text(field(body, 'platform'), 'platform'), field(body, 'order'))]
  }
  const faults = /^\/api\/faults\/([\w-]+)$/.exec(path)
  if (method === 'PUT' && faults?.[1] !== undefined) {
    return [
      200,
      { activeFaults: api.setFaults(faults[1], field(await readJson(request), 'faults')) },
    ]
  }
  if (method === 'POST' && path === '/api/batches') {
    const body = await readJson(request)
    return [
      202,
      api.startBatch(
        text(field(body, 'platform'), 'platform'),
        field(body, 'count'),
        field(body, 'outage') ?? false,
      ),
    ]
  }
  const batch = /^\/api\/batches\/([\w-]+)$/.exec(path)
  if (method === 'GET' && batch?.[1] !== undefined) return [200, api.batchStatus(batch[1])]
  throw new DemoRequestError(404, `no route ${method} ${path}`)
}

/**
 * Serves the page and its JSON API on 127.0.0.1. The SDK, the credentials and the sandbox stay
 * in this process; the page only ever sees what the API answers.
 *
 * @param options - The API, the page's folder and the port.
 * @returns The running server.
 */
export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    const page = request.method === 'GET' ? pageFiles[path] : undefined
    if (page !== undefined) {
      readFile(join(options.pageDirectory, page.file))
        .then((content) => {
          response.writeHead(200, {
            'content-type': page.type,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            'content-security-policy':
              "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:",
          })
          response.end(content)
        })
        .catch(() => sendJson(response, 500, { error: `the page is not built: ${page.file}` }))
      return
    }
    route(options.api, request)
      .then(([status, body]) => sendJson(response, status, body))
      .catch((error: unknown) => {
        if (error instanceof DemoRequestError)
          sendJson(response, error.status, { error: error.message })
        else {
          sendJson(response, 500, {
            error: error instanceof Error ? error.message : String(error),
          })
        }
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
