import { walkthrough } from './walkthrough.ts'
import { youshuWalkthrough } from './youshu-walkthrough.ts'

process.stdout.write(`${walkthrough()}\n\n${await youshuWalkthrough()}\n`)
