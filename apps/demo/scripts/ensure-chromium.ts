// The browser test drives Debian's Chromium (Playwright's own browser download does not work on
// these machines). Installs it with apt when it is missing; the test runs as root.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = '/usr/bin/chromium'

if (!existsSync(chromium)) {
  process.stdout.write(`${chromium} is missing: installing Debian's chromium with apt-get\n`)
  const result = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
    stdio: 'inherit',
  })
  if (result.status !== 0 || !existsSync(chromium)) {
    process.stderr.write(
      `apt-get install chromium failed (exit ${String(result.status)}); install it (as root) and run the test again\n`,
    )
    process.exit(1)
  }
}
