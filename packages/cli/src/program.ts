import { Command, InvalidArgumentError } from 'commander'
import { cliVersion } from './own-package.ts'

/** Collects a repeatable option's values. */
const collect = (value: string, previous: readonly string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
]

function wholeNumber(minimum: number) {
  return (value: string): number => {
    const number = Number(value)
    if (!Number.isSafeInteger(number) || number < minimum) {
      throw new InvalidArgumentError(`must be a whole number of at least ${minimum}`)
    }
    return number
  }
}

const examples = `
Examples:
  ordersync sample --platform youshu --count 1000 > orders.jsonl
  ordersync explain order.json --platform baidu
  ordersync sync orders.jsonl --platform youshu --sandbox
  ordersync sync orders.jsonl --platform youshu --out results.jsonl
  ordersync sync orders.jsonl --platform youshu --retry-from results.jsonl
  ordersync status

Credentials come from environment variables named in ordersync.config.ts, never from the command
line. Exit status: 0 every order succeeded, 1 some failed or may not have arrived, 2 bad input,
130 stopped with Ctrl+C.`

/** Hands a command's exit status (a promise of it) to the caller. */
type Done = (work: Promise<number>) => void

function addExplain(program: Command, done: Done): void {
  program
    .command('explain')
    .description(
      'validate an order and show, per platform, the payload it would send, its warnings, or why it refuses (no network)',
    )
    .argument(
      '<order>',
      'an order as JSON: a file (.json, or .jsonl with --id), or - for standard input',
    )
    .option(
      '-p, --platform <id>',
      'a platform (repeat, or separate with commas); default: every installed one',
      collect,
    )
    .option('--id <order id>', 'the order to explain, when the input holds several')
    .option(
      '-c, --config <file>',
      'the configuration whose clients to use (default: ordersync.config.* here, if any)',
    )
    .option('--sandbox', "use the sandbox's settings for every platform, not the configuration's")
    .option('--json', 'print the explanation as JSON, for scripts')
    .action(async (order: string, options) => {
      const { runExplain } = await import('./explain/explain-command.ts')
      done(runExplain(order, options, process.cwd()))
    })
}

function addSync(program: Command, done: Done): void {
  program
    .command('sync')
    .description(
      'send every order of a file to one platform, with a progress display, a report and a ledger to resume from',
    )
    .argument(
      '<orders>',
      'orders as JSON Lines (.jsonl), a JSON array (.json), or - for standard input',
    )
    .option(
      '-p, --platform <id>',
      'the platform (default: the only one configured or installed)',
      collect,
    )
    .option(
      '-c, --config <file>',
      'the configuration (default: ordersync.config.ts, .mts, .js, .mjs or .json here)',
    )
    .option(
      '--sandbox',
      'start a local sandbox for this run and send to it: no configuration, no credentials',
    )
    .option('--sandbox-url <url>', 'send to a sandbox already running (ordersync sandbox)')
    .option('--dry-run', 'validate and prepare every order, send none, and report')
    .option(
      '-o, --out <file>',
      'write one JSON line per order: id, version, outcome, delivery, error code and message',
    )
    .option(
      '--retry-from <file>',
      'send again exactly the orders that failed or were uncertain in this results file',
    )
    .option(
      '--ledger <file>',
      'the ledger (default: .ordersync/ledger.sqlite beside the configuration)',
    )
    .option('--no-ledger', 'keep no ledger: skip nothing, remember nothing')
    .option(
      '--concurrency <n>',
      'batches in flight (default: the configuration, else 8)',
      wholeNumber(1),
    )
    .option(
      '--late-arrival-ms <ms>',
      'how long a request in doubt may still reach the platform (default 10000)',
      wholeNumber(0),
    )
    .option(
      '--progress-interval <seconds>',
      'seconds between progress lines when stderr is not a terminal (default 5)',
      wholeNumber(1),
    )
    .option('--json', 'print the report as JSON, for scripts')
    .action(async (orders: string, options) => {
      const { runSync } = await import('./sync/sync-command.ts')
      done(runSync(orders, options, process.cwd()))
    })
}

function addLedgerCommands(program: Command, done: Done): void {
  program
    .command('status')
    .description("count the ledger's orders per platform and outcome")
    .option(
      '--ledger <file>',
      'the ledger (default: the configuration’s, else .ordersync/ledger.sqlite)',
    )
    .option('-c, --config <file>', 'the configuration that names the ledger')
    .option('--json', 'print the counts as JSON')
    .action(async (options) => {
      const { runStatus } = await import('./ledger-commands/ledger-commands.ts')
      done(runStatus(options, process.cwd()))
    })

  program
    .command('ledger')
    .description('read the ledger')
    .command('export')
    .description(
      'write every order of the ledger as JSON Lines (platform, id, outcome, delivered version, error)',
    )
    .option(
      '--ledger <file>',
      'the ledger (default: the configuration’s, else .ordersync/ledger.sqlite)',
    )
    .option('-c, --config <file>', 'the configuration that names the ledger')
    .option('-o, --out <file>', 'the file to write (default: standard output)')
    .action(async (options) => {
      const { runLedgerExport } = await import('./ledger-commands/ledger-commands.ts')
      done(runLedgerExport(options, process.cwd()))
    })
}

function addSandboxAndSample(program: Command, done: Done): void {
  program
    .command('sandbox')
    .description(
      'start the local sandbox of every platform (the ordersync-sandbox command): --port, --seed, --json',
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .passThroughOptions()
    .argument(
      '[options...]',
      'passed to ordersync-sandbox (--port <port>, --seed <n>, --json, --help)',
    )
    .action(async (args: string[]) => {
      const { runSandbox } = await import('./sandbox/sandbox-command.ts')
      done(runSandbox(args))
    })

  program
    .command('sample')
    .description(
      'print valid orders of a platform as JSON Lines (its sandbox accepts them), to try sync and explain on',
    )
    .option('-p, --platform <id>', 'the platform', collect)
    .option('-n, --count <n>', 'how many (default 10)', wholeNumber(0))
    .option('--from <n>', 'the number of the first (default 1)', wholeNumber(0))
    .action(async (options) => {
      const { runSample } = await import('./sample/sample-command.ts')
      done(runSample(options, process.cwd()))
    })
}

/**
 * The `ordersync` command's arguments, options and help (commander). Each action runs its
 * command, loaded when it is used, and hands its exit status to `done`.
 */
export function buildProgram(done: Done): Command {
  const program = new Command('ordersync')
    .description(
      'Explain what each platform would receive for an order, sync a file of orders, resume a backfill, run the local sandbox.',
    )
    .version(cliVersion, '-v, --version')
    .showSuggestionAfterError()
    .enablePositionalOptions()
    .addHelpText('after', examples)
    // Set before the commands are added: each command inherits them. Commander's errors are then
    // thrown (cli.ts gives them their exit status) and said in one line:
    // `ordersync: unknown option '--x' (Did you mean --y?)`.
    .exitOverride()
    .configureOutput({
      outputError: (text, write) =>
        write(
          `ordersync: ${text
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n\s*/g, ' ')}\n`,
        ),
    })

  addExplain(program, done)
  addSync(program, done)
  addLedgerCommands(program, done)
  addSandboxAndSample(program, done)
  return program
}
