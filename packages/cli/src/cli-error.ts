/** The exit statuses of the `ordersync` command. */
export const exitCodes = {
  /** Every order succeeded (or was already on the platform). */
  ok: 0,
  /** Some order failed, may not have arrived, or a line was not an order. */
  someFailed: 1,
  /** Bad input: arguments, configuration, credentials, an input or ledger that cannot be used. */
  badInput: 2,
  /** Stopped with Ctrl+C. */
  interrupted: 130,
  /** Stopped with SIGTERM. */
  terminated: 143,
} as const

/**
 * A failure the command reports as one line on stderr (`ordersync: <message>`) with an exit
 * status, without a stack trace: what is wrong and what to do.
 */
export class CliError extends Error {
  readonly exitCode: number

  constructor(
    message: string,
    exitCode: number = exitCodes.badInput,
    options: { cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

/** The first line of an error's message: what a one-line report shows. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0] ?? message
}
