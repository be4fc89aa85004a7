/**
 * Whether pinyin-pro has loaded, as a ref: what is drawn with pinyin (client names marked for a
 * Latin-letter query) is drawn again once it has. Asking for it starts loading it.
 */
import { shallowRef, type Ref } from 'vue'
import { loadedPinyin, loadPinyin } from '../search/pinyin'

const loaded = shallowRef(loadedPinyin() !== undefined)
let asked = false

export function usePinyinLoaded(): Readonly<Ref<boolean>> {
  if (!asked) {
    asked = true
    // Failing to load leaves names marked only where the query appears literally.
    loadPinyin()
      .then(() => (loaded.value = true))
      .catch(() => undefined)
  }
  return loaded
}
