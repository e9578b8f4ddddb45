import { youshuSandboxKnownRetcodes } from '@ordersync/sandbox'
import { expect, it } from 'vitest'
import { sandboxKnownRetcodes } from './youshu-descriptor.ts'

it('knows the sandbox’s own retcodes as the sandbox declares them', () => {
  expect(sandboxKnownRetcodes).toEqual(youshuSandboxKnownRetcodes)
})
