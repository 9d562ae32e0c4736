import { config } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'

// Element Plus and i18n are registered globally for every mounted component.
config.global.plugins = [ElementPlus, i18n]
