import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import SignInScreen from '../../../../renderer/src/components/frame/SignInScreen.vue'
import { accountDbName, useCacheStore } from '../../../../renderer/src/stores/cache'
import { usePreferencesStore } from '../../../../renderer/src/stores/preferences'
import { bodyText, DEMO, eventually, FakeFailure, installFakeMain, mountInFrame, settle, TENANT, useFrameTestEnvironment } from './support'

useFrameTestEnvironment()

async function fill(wrapper: ReturnType<typeof mountInFrame>, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const input = document.getElementById([...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label))!.htmlFor)
    await wrapper.find(`#${CSS.escape(input!.id)}`).setValue(value)
  }
}

const submit = async (wrapper: ReturnType<typeof mountInFrame>) => {
  await wrapper.find('[data-testid="sign-in-form"]').trigger('submit')
  await settle(10)
}

const REAL_ACCOUNT = { 企业代码: 'acme', 工号: '1001', 密码: 'secret-pw' }

describe('the sign-in screen', () => {
  it('offers the demo as the primary action on first launch, and signs in to it in one click', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    const demo = wrapper.find('[data-testid="sign-in-demo"]')
    expect(demo.classes()).toContain('n-button--primary-type')
    expect(wrapper.find('[data-testid="sign-in-submit"]').classes()).not.toContain('n-button--primary-type')

    await demo.trigger('click')
    await eventually(() => expect(useCacheStore().db).not.toBeNull())
    expect(main.callsOf('signInDemo')).toHaveLength(1)
    expect(main.callsOf('attachStore')).toEqual([[{ dbName: accountDbName(DEMO) }]])
    expect(await Dexie.exists(accountDbName(DEMO))).toBe(true)
  })

  it('makes password sign-in the primary action once an account was remembered', async () => {
    installFakeMain()
    usePreferencesStore().rememberAccount({ ...TENANT, tokenUrl: 'https://account.icsoc.net/oauth2/token', clientId: 'c', clientSecret: 's', password: 'p' })
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    expect(wrapper.find('[data-testid="sign-in-submit"]').classes()).toContain('n-button--primary-type')
    expect((wrapper.find('input[autocomplete="organization"]').element as HTMLInputElement).value).toBe('acme')
  })

  it('names each missing field and sends nothing to main', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    await submit(wrapper)
    for (const message of ['请填写企业代码', '请填写工号', '请填写密码']) expect(bodyText()).toContain(message)
    expect(main.callsOf('signIn')).toHaveLength(0)
  })

  it('opens "advanced" when a field there is missing, so its message can be seen', async () => {
    installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    await fill(wrapper, REAL_ACCOUNT)
    await submit(wrapper)
    await eventually(() => expect(bodyText()).toContain('请填写client_id'))
    expect(bodyText()).toContain('请填写client_secret')
    expect(wrapper.find('button[aria-expanded]').attributes('aria-expanded')).toBe('true')
  })

  it('refuses a vertical bar in the enterprise code and an address that is not http(s)', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    await fill(wrapper, { ...REAL_ACCOUNT, 企业代码: 'ac|me' })
    await wrapper.find('button[aria-expanded]').trigger('click')
    await settle()
    await fill(wrapper, { 'API 地址': 'ftp://example.com', client_id: 'c', client_secret: 's' })
    await submit(wrapper)
    expect(bodyText()).toContain('企业代码不能包含竖线字符')
    expect(bodyText()).toContain('请填写以 http:// 或 https:// 开头的地址')
    expect(main.callsOf('signIn')).toHaveLength(0)
  })

  it.each([
    ['wrong_password', '企业代码、工号或密码不正确。'],
    ['bad_client', '登录服务器不接受本应用的 client_id 或 client_secret'],
    ['unreachable', '无法连接登录服务器。请检查网络'],
    ['server', '登录服务器暂时出错，请稍后再试。'],
    ['bad_response', '登录服务器的回答无法识别'],
    ['bad_request', '填写的内容格式不对'],
  ])('explains a %s failure in words', async (kind, words) => {
    installFakeMain({
      signIn: () => {
        throw new FakeFailure(kind)
      },
    })
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    await wrapper.find('button[aria-expanded]').trigger('click')
    await settle()
    await fill(wrapper, { ...REAL_ACCOUNT, client_id: 'c', client_secret: 's' })
    await submit(wrapper)
    await eventually(() => expect(wrapper.find('[data-testid="sign-in-error"]').text()).toContain(words))
    expect(wrapper.find('[role="alert"]').exists()).toBe(true)
    expect(useCacheStore().db).toBeNull()
  })

  it('signs in with the fields trimmed and remembers the account without password or client secret', async () => {
    const main = installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    await wrapper.find('button[aria-expanded]').trigger('click')
    await settle()
    await fill(wrapper, { 企业代码: ' acme ', 工号: '1001', 密码: ' pw ', client_id: 'c', client_secret: 's' })
    await submit(wrapper)
    await eventually(() => expect(useCacheStore().db).not.toBeNull())
    expect(main.callsOf('signIn')[0]![0]).toMatchObject({ enterpriseCode: 'acme', agentNo: '1001', password: ' pw ', baseUrl: 'https://e-crm.icsoc.net/openapi/v1' })
    const stored = localStorage.getItem('ecrm.lastAccount') ?? ''
    expect(JSON.parse(stored)).toMatchObject({ enterpriseCode: 'acme', clientId: 'c' })
    expect(stored).not.toContain('pw')
    expect(stored).not.toContain('"s"')
  })

  it.each([
    [{ available: true, weakProtection: false }, true, false],
    [{ available: true, weakProtection: true }, false, true],
    [{ available: false, weakProtection: false }, false, false],
  ])('asks to stay signed in as the secret storage allows (%o)', async (storage, remember, warned) => {
    const main = installFakeMain({ secretStorage: () => storage })
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    expect(wrapper.find('.n-checkbox').exists()).toBe(storage.available)
    expect(wrapper.find('[data-testid="sign-in-weak-protection"]').exists()).toBe(warned)
    await wrapper.find('button[aria-expanded]').trigger('click')
    await settle()
    await fill(wrapper, { ...REAL_ACCOUNT, client_id: 'c', client_secret: 's' })
    await submit(wrapper)
    await eventually(() => expect(main.callsOf('signIn')).toHaveLength(1))
    expect(main.callsOf('signIn')[0]![0]).toMatchObject({ remember })
  })

  it('switches every text to English and back', async () => {
    installFakeMain()
    const wrapper = mountInFrame(SignInScreen)
    await settle()
    expect(wrapper.text()).toContain('试用演示')
    await wrapper.find('input[value="en"]').setValue(true)
    await settle()
    expect(wrapper.text()).toContain('Try the demo')
    expect(wrapper.text()).toContain('Enterprise code')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('ecrm.locale')).toBe('en')
    await wrapper.find('input[value="zh-CN"]').setValue(true)
    await settle()
    expect(wrapper.text()).toContain('企业代码')
  })
})
