/**
 * The app's one vue-i18n instance: zh-CN first (the users read Chinese), English as the switch.
 * Messages come from each part of the UI: the frame's (./app) and the record screens' (./records).
 */
import { createI18n } from 'vue-i18n'
import { appMessages } from './app'
import { recordsMessages } from './records'
import { isAppLocale, LOCALE_KEY, storedLocale, type AppLocale } from './stored-locale'

export { APP_LOCALES, type AppLocale } from './stored-locale'

const messages = {
  'zh-CN': { ...appMessages['zh-CN'], ...recordsMessages['zh-CN'] },
  en: { ...appMessages.en, ...recordsMessages.en },
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'en',
  messages,
})

/** The locale in force now. */
export function currentLocale(): AppLocale {
  const locale = i18n.global.locale.value
  return isAppLocale(locale) ? locale : 'zh-CN'
}

/** Switches the UI language, remembers it for the next start and tells assistive tech via `<html lang>`. */
export function setLocale(locale: AppLocale): void {
  i18n.global.locale.value = locale
  applyDocumentLanguage(locale)
  try {
    localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // Not remembered across restarts, but switched for this session.
  }
}

/** Screen readers and the browser's own text shaping follow `<html lang>`; the window title follows too. */
export function applyDocumentLanguage(locale: AppLocale = currentLocale()): void {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.name')
}
