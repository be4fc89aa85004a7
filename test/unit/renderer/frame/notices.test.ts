import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { useDownloadDoneMessage } from '../../../../renderer/src/composables/useDownloadDoneMessage'
import { useNetworkHints } from '../../../../renderer/src/composables/useNetworkHints'
import { useStorageFullNotice } from '../../../../renderer/src/composables/useStorageFullNotice'
import { StorageFullError } from '../../../../renderer/src/db/storage-full'
import { useCacheStore } from '../../../../renderer/src/stores/cache'
import { useSessionStore } from '../../../../renderer/src/stores/session'
import { bodyText, eventually, installFakeMain, mountInFrame, settle, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

const Frame = defineComponent({
  setup() {
    useNetworkHints()
    useStorageFullNotice()
    useDownloadDoneMessage()
    return () => null
  },
})

describe('what the frame tells the user and main on its own', () => {
  it('passes the browser’s online and offline events to main as hints', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(Frame)
    window.dispatchEvent(new Event('offline'))
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(main.callsOf('networkHint')).toEqual([[navigator.onLine], [navigator.onLine]])
    wrapper.unmount()
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(main.callsOf('networkHint')).toHaveLength(2)
  })

  it('shows a clear notification when a write meets a full disk', async () => {
    installFakeMain()
    await useSessionStore().signInDemo()
    mountInFrame(Frame)
    await settle()
    await useCacheStore()
      .write(() => Promise.reject(new StorageFullError(new Error('quota'))))
      .catch(() => undefined)
    await eventually(() => expect(bodyText()).toContain('磁盘空间不足'))
    expect(bodyText()).toContain('这次修改没有保存，之前的数据都还在')
  })

  it('says when the first download finished', async () => {
    const main = installFakeMain()
    mountInFrame(Frame)
    await settle()
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'downloading', download: { fetched: 300, total: 300, recordsPerSecond: 900 } } })
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'downloading' } })
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'idle', lastSuccessAt: Date.now() } })
    await eventually(() => expect(bodyText()).toContain('已下载 300 条跟进记录'))
  })

  it('says nothing when the download stopped on a failure', async () => {
    const main = installFakeMain()
    mountInFrame(Frame)
    await settle()
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'downloading', download: { fetched: 100, total: 300, recordsPerSecond: 900 } } })
    main.emit({ type: 'sync.status', status: { online: 'offline', activity: 'idle', lastError: { kind: 'network', message: 'reset' } } })
    await settle()
    expect(bodyText()).not.toContain('已下载')
  })
})
