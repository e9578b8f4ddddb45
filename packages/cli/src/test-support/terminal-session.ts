import { spawnSync } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { commandEnvironment } from './run-ordersync.ts'

/** A command running in a real pseudo-terminal (a detached tmux session on a server of its own). */
export interface TerminalSession {
  /** The screen as a person sees it (colours and cursor moves applied, escapes gone). */
  screen(): string
  /** Types keys, in tmux's names (`C-c`). */
  keys(...keys: string[]): void
  /** Waits until the screen matches, and returns it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>
  close(): void
}

let sessions = 0

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`

/**
 * Runs `command` (an argument list) in `cwd` in a `columns` × `rows` terminal; when it ends, the
 * shell prints `EXIT=<status>` and the pane stays open to be read.
 */
export function startTerminal(
  command: readonly string[],
  options: { readonly cwd: string; readonly columns: number; readonly rows: number },
): TerminalSession {
  sessions += 1
  const socket = `ordersync-cli-test-${process.pid}-${sessions}`
  const tmux = (...args: string[]) => {
    const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
      env: commandEnvironment({ TERM: 'xterm-256color' }),
    })
    if (result.status !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr}`)
    return result.stdout
  }
  const line = `cd ${shellQuote(options.cwd)} && ${command.map(shellQuote).join(' ')}; echo "EXIT=$?"; sleep 600`
  tmux(
    'new-session',
    '-d',
    '-s',
    'test',
    '-x',
    String(options.columns),
    '-y',
    String(options.rows),
    line,
  )
  const screen = () => tmux('capture-pane', '-p', '-t', 'test')
  return {
    screen,
    keys: (...keys) => {
      tmux('send-keys', '-t', 'test', ...keys)
    },
    waitFor: async (pattern, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const text = screen()
        if (pattern.test(text)) return text
        if (Date.now() > deadline) throw new Error(`the screen never matched ${pattern}:\n${text}`)
        await sleep(50)
      }
    },
    close: () => {
      spawnSync('tmux', ['-L', socket, 'kill-server'])
    },
  }
}
