import { h } from 'vue'
import { ElButton, ElMessage } from 'element-plus'
import { isApiError } from '@/api/http'
import { i18n } from '@/locales'

/** One sentence for an error, in the user's language. */
export function errorText(e: unknown): string {
  const t = i18n.global.t
  if (isApiError(e)) {
    if (e.isNetwork) return t('common.networkError')
    if (e.status === 403) return t('common.forbidden')
    if (e.status === 404) return t('common.notFound')
    if (e.status === 409 && e.code === 'Duplicate') return t('conflict.duplicate')
    if (e.status === 409 && e.code === 'ReturnLimitReached') return t('conflict.returnLimit')
    if (e.status === 409 && e.code === 'DeadlinePassed') return t('deadlines.extension.deadlinePassed')
    if (e.status === 409 && e.code === 'ExtensionLimitReached') return t('deadlines.extension.limitReached')
    const first = Object.values(e.fieldErrors)[0]?.[0]
    return t('common.unknownError', { msg: e.detail ?? first ?? e.title })
  }
  return t('common.unknownError', { msg: e instanceof Error ? e.message : String(e) })
}

/** Shows an error; network failures get a retry button when the caller can retry. */
export function showError(e: unknown, retry?: () => unknown): void {
  const t = i18n.global.t
  const text = errorText(e)
  if (retry && isApiError(e) && e.isNetwork) {
    const msg = ElMessage({
      type: 'error',
      duration: 0,
      showClose: true,
      message: h('span', { 'data-testid': 'network-error' }, [
        text,
        ' ',
        h(
          ElButton,
          {
            link: true,
            type: 'primary',
            'data-testid': 'network-retry',
            onClick: () => {
              msg.close()
              void retry()
            },
          },
          () => t('common.retry'),
        ),
      ]),
    })
    return
  }
  ElMessage({ type: 'error', message: text, showClose: true, duration: 5000 })
}
