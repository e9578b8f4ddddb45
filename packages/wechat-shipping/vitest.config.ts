import { defineTimeZoneConfig } from '../../vitest.shared.ts'

export default defineTimeZoneConfig('wechat-shipping')
