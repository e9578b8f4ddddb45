import { walkthrough } from './walkthrough.ts'
import { wechatWalkthrough } from './wechat-walkthrough.ts'
import { wixtarWalkthrough } from './wixtar-walkthrough.ts'
import { youshuWalkthrough } from './youshu-walkthrough.ts'

process.stdout.write(
  `${walkthrough()}\n\n${await youshuWalkthrough()}\n\n${await wechatWalkthrough()}\n\n${await wixtarWalkthrough()}\n`,
)
