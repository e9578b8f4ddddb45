import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningDemo, startDemo } from './start-demo.ts'

// The JSON API's answers to requests it cannot serve; the browser test covers the rest.
let demo: RunningDemo
beforeAll(async () => {
  demo = await startDemo({ port: 0, pageDirectory: '/nonexistent/ordersync-demo-page' })
})
afterAll(async () => {
  await demo.close()
})

async function call(method: string, path: string, body?: string) {
  const response = await fetch(new URL(path, demo.url), {
    method,
    ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
  })
  return { status: response.status, body: await response.json() }
}

it.each([
  ['GET', '/', undefined, 500, 'the page is not built: index.html'],
  ['GET', '/api/nothing', undefined, 404, 'no route GET /api/nothing'],
  ['POST', '/api/preview', '{"order":', 400, 'the request body is not JSON'],
  [
    'POST',
    '/api/sync',
    '{"platform":"nowhere","order":{}}',
    404,
    'no platform "nowhere" in the demo',
  ],
  ['POST', '/api/sync', '{"order":{}}', 400, 'platform must be a non-empty string'],
  ['POST', '/api/mapping', '{"order":{}}', 400, 'platform must be a non-empty string'],
  [
    'POST',
    '/api/mapping',
    '{"platform":"nowhere","order":{}}',
    404,
    'no platform "nowhere" in the demo',
  ],
  ['GET', '/favicon.ico', undefined, 500, 'the page is not built: favicon.svg'],
  [
    'PUT',
    '/api/faults/youshu',
    '{"faults":["token_expired"]}',
    400,
    'Tencent Youshu has no access token to expire',
  ],
  [
    'PUT',
    '/api/faults/youshu',
    '{"faults":["meteor"]}',
    400,
    'faults must be a list of token_expired, busy, timeout, drop',
  ],
  [
    'POST',
    '/api/batches',
    '{"platform":"youshu","count":0}',
    400,
    'count must be a whole number from 1 to 2000',
  ],
  [
    'POST',
    '/api/batches',
    '{"platform":"youshu","count":3,"outage":"yes"}',
    400,
    'outage must be true or false',
  ],
  ['GET', '/api/batches/batch-99', undefined, 404, 'no batch "batch-99"'],
] as const)('%s %s %s answers %i: %s', async (method, path, body, status, error) => {
  expect(await call(method, path, body)).toEqual({ status, body: { error } })
})

it('previews an invalid order with every problem and its path', async () => {
  expect(await call('POST', '/api/preview', '{"order":{"id":""}}')).toMatchObject({
    status: 200,
    body: {
      valid: false,
      issues: expect.arrayContaining([
        { path: 'id', message: 'must not be empty', code: 'too_small' },
      ]),
    },
  })
})

it('traces no mapping for an order that is not valid, and says why', async () => {
  expect(await call('POST', '/api/mapping', '{"platform":"youshu","order":{"id":""}}')).toEqual({
    status: 200,
    body: { state: 'unavailable', reason: 'The order is not a valid canonical order.' },
  })
})
