import { describe, expect, it } from 'vitest'
import DownloadProgress from '../../../../renderer/src/components/frame/DownloadProgress.vue'
import StatusBar from '../../../../renderer/src/components/frame/StatusBar.vue'
import { formatDuration, formatRelativeTime } from '../../../../renderer/src/composables/useLocaleFormat'
import { setLocale } from '../../../../renderer/src/i18n'
import { useSyncStore } from '../../../../renderer/src/stores/sync'
import { installFakeMain, mountInFrame, settle, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

describe('the status bar', () => {
  it('shows online, pending count, last sync and the running activity', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(StatusBar)
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'pulling', lastSuccessAt: Date.now() - 3 * 60_000 } })
    await settle()
    expect(wrapper.find('[data-testid="status-online"]').text()).toBe('在线')
    expect(wrapper.find('[data-testid="status-pending"]').text()).toBe('待同步 0')
    expect(wrapper.find('[data-testid="status-last-sync"]').text()).toBe('上次同步：3分钟前')
    expect(wrapper.find('[data-testid="status-activity"]').text()).toBe('正在获取更新…')
  })

  it('shows offline with the problem in words and when it retries', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(StatusBar)
    main.emit({
      type: 'sync.status',
      status: { online: 'offline', activity: 'idle', lastError: { kind: 'network', message: 'ECONNRESET' }, nextRetryAt: Date.now() + 30_000 },
    })
    await settle()
    expect(wrapper.find('[data-testid="status-online"]').text()).toBe('离线')
    expect(wrapper.find('[data-testid="status-problem"]').text()).toBe('无法连接服务器，恢复网络后会自动重试。 30秒钟后自动重试')
    expect(wrapper.find('[data-testid="status-last-sync"]').text()).toBe('尚未同步')
  })

  it('offers "sign in again" while sync is paused, and "sync now" always', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(StatusBar)
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'idle', paused: 'signed_out', lastError: { kind: 'auth', message: 'x' } } })
    await settle()
    expect(wrapper.text()).toContain('同步已暂停：登录已过期')
    await wrapper.find('[data-testid="status-sign-in-again"]').trigger('click')
    expect(wrapper.findComponent(StatusBar).emitted('sign-in-again')).toHaveLength(1)

    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'idle' } })
    await settle()
    await wrapper.find('[data-testid="status-sync-now"]').trigger('click')
    expect(main.callsOf('syncNow')).toHaveLength(1)
  })

  it('follows the language', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(StatusBar)
    main.emit({ type: 'sync.status', status: { online: 'offline', activity: 'idle', lastSuccessAt: Date.now() - 2 * 3_600_000 } })
    setLocale('en')
    await settle()
    expect(wrapper.find('[data-testid="status-online"]').text()).toBe('Offline')
    expect(wrapper.find('[data-testid="status-pending"]').text()).toBe('0 pending')
    expect(wrapper.find('[data-testid="status-last-sync"]').text()).toBe('Last synced 2 hours ago')
  })
})

describe('the first-download bar', () => {
  it('shows n / total, the rate and the time left while downloading, and nothing otherwise', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(DownloadProgress)
    await settle()
    expect(wrapper.find('[data-testid="download-progress"]').exists()).toBe(false)
    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'downloading', download: { fetched: 1500, total: 12000, recordsPerSecond: 250 } } })
    await settle()
    expect(wrapper.find('[data-testid="download-count"]').text()).toBe('1,500 / 12,000')
    expect(wrapper.text()).toContain('250 条/秒')
    expect(wrapper.text()).toContain('剩余约 42秒')
    expect(wrapper.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('13')
    expect(useSyncStore().status.activity).toBe('downloading')

    main.emit({ type: 'sync.status', status: { online: 'online', activity: 'idle', lastSuccessAt: Date.now() } })
    await settle()
    expect(wrapper.find('[data-testid="download-progress"]').exists()).toBe(false)
  })
})

describe('times in the user’s language', () => {
  const now = Date.UTC(2026, 0, 10, 12)
  it('says how long ago, or how soon', () => {
    const zh = { justNow: '刚刚', soon: '马上' }
    const en = { justNow: 'just now', soon: 'in a moment' }
    expect(formatRelativeTime('zh-CN', now - 5_000, now, zh)).toBe('刚刚')
    expect(formatRelativeTime('zh-CN', now + 5_000, now, zh)).toBe('马上')
    expect(formatRelativeTime('zh-CN', now - 3 * 60_000, now, zh)).toBe('3分钟前')
    expect(formatRelativeTime('en', now - 26 * 3_600_000, now, en)).toBe('yesterday')
    expect(formatRelativeTime('en', now + 90_000, now, en)).toBe('in 2 minutes')
  })

  it('gives durations in their two largest units', () => {
    expect(formatDuration('en', 3725)).toBe('1 hr 2 min')
    expect(formatDuration('zh-CN', 65)).toBe('1分钟5秒')
    expect(formatDuration('en', 0)).toBe('0 sec')
  })
})
