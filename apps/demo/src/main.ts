import { walkthrough } from './walkthrough.ts'

process.stdout.write(`${walkthrough()}\n`)
