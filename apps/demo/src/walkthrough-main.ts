import { walkthrough } from './walkthrough.ts'
import { wechatWalkthrough } from './wechat-walkthrough.ts'
import { youshuWalkthrough } from './youshu-walkthrough.ts'

process.stdout.write(
  `${walkthrough()}\n\n${await youshuWalkthrough()}\n\n${await wechatWalkthrough()}\n`,
)
