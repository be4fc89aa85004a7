/** The app itself: Vue, Pinia and vue-i18n around App.vue. Loaded by main.ts once the first screen is painted. */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { applyDocumentLanguage, i18n } from './i18n'

applyDocumentLanguage()
createApp(App).use(createPinia()).use(i18n).mount('#app')
