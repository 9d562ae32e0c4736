import { config } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/locales'

// Element Plus and i18n are registered globally for every mounted component.
config.global.plugins = [ElementPlus, i18n]
// Render transitions for real, so el-form-item error messages (inside a transition-group) show up.
config.global.stubs = { transition: false, 'transition-group': false }
