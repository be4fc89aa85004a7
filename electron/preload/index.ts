import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  CALL_CHANNEL_PREFIX,
  EVENT_CHANNEL,
  type DesktopBridge,
  type MainEvent,
  type SignInRequest,
  type StoreReply,
} from '../shared/ipc'

const invoke = (call: string, ...args: unknown[]) => ipcRenderer.invoke(CALL_CHANNEL_PREFIX + call, ...args)

/** Exactly the contract, method by method: the page gets no way to name an arbitrary channel. */
const bridge = {
  getSession: () => invoke('getSession'),
  signIn: (request: SignInRequest) => invoke('signIn', request),
  secretStorage: () => invoke('secretStorage'),
  signInDemo: () => invoke('signInDemo'),
  signOut: () => invoke('signOut'),
  recordTypes: () => invoke('recordTypes'),
  fetchRecord: (id: string) => invoke('fetchRecord', id),
  attachStore: (info: { dbName: string }) => invoke('attachStore', info),
  storeReply: (reply: StoreReply) => invoke('storeReply', reply),
  syncNow: () => invoke('syncNow'),
  changesQueued: () => invoke('changesQueued'),
  networkHint: (online: boolean) => invoke('networkHint', online),
  syncStatus: () => invoke('syncStatus'),
  onEvent(listener: (event: MainEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: MainEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward)
    }
  },
} satisfies DesktopBridge

contextBridge.exposeInMainWorld('crm', bridge)
