import { fileURLToPath } from 'node:url'
import { startDemoOnPreferredPort } from './start-demo.ts'

// The web demo: `npm run demo` builds it and runs this file from dist/, beside the built page.
const preferredPort = Number(process.env.ORDERSYNC_DEMO_PORT ?? 4310)
const pageDirectory = fileURLToPath(new URL('./page/', import.meta.url))

const { demo, portNotice } = await startDemoOnPreferredPort({ preferredPort, pageDirectory })
process.stdout.write(
  [
    '',
    'ordersync demo — every platform is the local sandbox; no credentials needed.',
    `  sandbox: ${demo.sandbox.url}`,
    ...(portNotice === undefined ? [] : ['', `  ${portNotice}`]),
    '',
    `  Open ${demo.url}`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
)
const stop = (): void => {
  demo.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)
