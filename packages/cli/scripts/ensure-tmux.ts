// The terminal tests run the command in a real pseudo-terminal through tmux (capture-pane reads
// the screen, send-keys types Ctrl+C). Installs Debian's tmux with apt-get when it is missing, as
// root; otherwise says how.
import { spawnSync } from 'node:child_process'

const found = spawnSync('tmux', ['-V'], { encoding: 'utf8' })
if (found.status !== 0) {
  const root = process.getuid?.() === 0
  if (!root) {
    process.stderr.write(
      'tmux is missing: install it (apt-get install tmux, as root) and run the tests again\n',
    )
    process.exit(1)
  }
  process.stdout.write("tmux is missing: installing Debian's tmux with apt-get\n")
  const installed = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y tmux'], {
    stdio: 'inherit',
  })
  if (installed.status !== 0 || spawnSync('tmux', ['-V']).status !== 0) {
    process.stderr.write(
      `apt-get install tmux failed (exit ${String(installed.status)}); install it and run the tests again\n`,
    )
    process.exit(1)
  }
}
