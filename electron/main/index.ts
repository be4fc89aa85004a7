import { startShell } from './shell/app'

startShell()
