/** A request the page made that the server cannot serve: its status and message. */
export class DemoRequestError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'DemoRequestError'
    this.status = status
  }
}
