import type { ErrorResponse } from '../demo-api-types.ts'

/** Calls the demo server's JSON API; a non-2xx answer becomes an `Error` with the server's message. */
export async function callApi<Response>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<Response> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const answer = (await response.json()) as Response | ErrorResponse
  if (!response.ok) {
    const message = (answer as ErrorResponse).error ?? `HTTP ${response.status}`
    throw new Error(message)
  }
  return answer as Response
}
