import { ipcMain, type WebContents } from 'electron'
import { CALL_CHANNEL_PREFIX, EVENT_CHANNEL, MAIN_CALLS, type MainEvent } from '../../shared/ipc'
import type { Dispatch } from '../ipc/dispatch'
import type { LogFunctions } from '../logging/logger'
import { isTrustedSenderFrame } from '../security/sender'

/** One ipcMain handler per contract call, each refusing frames that are not our renderer. */
export function registerIpc(dispatch: Dispatch, devServerUrl: string | undefined, log: LogFunctions): void {
  for (const call of MAIN_CALLS) {
    ipcMain.handle(CALL_CHANNEL_PREFIX + call, (event, ...args: unknown[]) => {
      if (!isTrustedSenderFrame(event.senderFrame, devServerUrl)) {
        log.warn(`ipc: refused ${call} from an untrusted frame`, event.senderFrame?.url)
        return { ok: false, error: { kind: 'forbidden', message: 'Untrusted sender', retryable: false } }
      }
      return dispatch(call, args)
    })
  }
}

export function sendEvent(target: WebContents | undefined, event: MainEvent): void {
  if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, event)
}
