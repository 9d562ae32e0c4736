import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import elEn from 'element-plus/es/locale/lang/en'
import { applyLocale, LOCALE_STORAGE_KEY, storedLocale, type AppLocale } from '@/locales'

export const useSettingsStore = defineStore('settings', () => {
  const locale = ref<AppLocale>(storedLocale())
  const menuCollapsed = ref(false)
  applyLocale(locale.value)

  const elementLocale = computed(() => (locale.value === 'en' ? elEn : zhCn))

  function setLocale(next: AppLocale): void {
    locale.value = next
    applyLocale(next)
    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next)
    } catch {
      // private mode: the choice lasts for this page only
    }
  }

  function toggleMenu(): void {
    menuCollapsed.value = !menuCollapsed.value
  }

  return { locale, elementLocale, menuCollapsed, setLocale, toggleMenu }
})
