/** Messages of the record screens (list, search, detail, timeline, new follow-up, delete). */
export const recordsMessages = {
  'zh-CN': {},
  en: {},
}
