/**
 * The UI language the user chose last time, read without vue-i18n: the first paint
 * (src/first-paint) needs it before the app's bundle, and with it vue-i18n, has loaded.
 */

export type AppLocale = 'zh-CN' | 'en'

export const APP_LOCALES: readonly AppLocale[] = ['zh-CN', 'en']

export const LOCALE_KEY = 'ecrm.locale'

export const isAppLocale = (value: unknown): value is AppLocale => APP_LOCALES.includes(value as AppLocale)

/** The choice the user made last time; zh-CN until they make one. */
export function storedLocale(): AppLocale {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_KEY)
    return isAppLocale(stored) ? stored : 'zh-CN'
  } catch {
    // Storage can be refused (privacy settings): the default still works.
    return 'zh-CN'
  }
}
