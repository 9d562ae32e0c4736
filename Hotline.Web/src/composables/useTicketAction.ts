import { ref, shallowRef } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ticketsApi } from '@/api/tickets'
import { isApiError, type ApiError } from '@/api/http'
import { i18n } from '@/locales'
import type { TicketCommand, TicketDetail, TicketStatus, TransitionBodies } from '@/types'
import { actionLabel } from '@/utils/actions'
import { useFormErrors } from './useFormErrors'
import { errorText } from './useErrorMessage'

export type ActionBody<A extends TicketCommand> = Omit<TransitionBodies[A], 'version'>

function statusLabel(s: string | undefined): string {
  const t = i18n.global.t
  return s ? t(`enums.status.${s as TicketStatus}`) : '-'
}

/**
 * Version-checked transitions. On 409 it tells the user that someone else changed the ticket and offers a
 * reload (onReload must refresh the ticket without touching what the user typed in the dialog); on 400 it
 * puts the messages beside the fields; on a network failure it keeps `networkError` for an inline retry.
 */
export function useTicketAction(options: { onReload: () => Promise<unknown> | void; known?: readonly string[] }) {
  const t = i18n.global.t
  const submitting = ref(false)
  const networkError = shallowRef<ApiError | null>(null)
  const formErrors = useFormErrors({ known: options.known })
  let lastAttempt: (() => Promise<TicketDetail | null>) | undefined

  async function handleConflict(e: ApiError): Promise<void> {
    if (e.code === 'ReturnLimitReached') {
      await ElMessageBox.alert(t('conflict.returnLimit'), t('enums.action.RequestReturn'), { type: 'warning' }).catch(() => undefined)
      return
    }
    if (e.code === 'DeadlinePassed' || e.code === 'ExtensionLimitReached') {
      const key = e.code === 'DeadlinePassed' ? 'deadlines.extension.deadlinePassed' : 'deadlines.extension.limitReached'
      await ElMessageBox.alert(t(key), actionLabel('RequestExtension'), { type: 'warning', customClass: 'extension-refused-box' }).catch(() => undefined)
      await options.onReload()
      return
    }
    const message =
      e.code === 'InvalidState'
        ? t('conflict.invalidState', { status: statusLabel(e.currentStatus) })
        : t('conflict.message', { status: statusLabel(e.currentStatus) })
    const reload = await ElMessageBox.confirm(message, t('conflict.title'), {
      type: 'warning',
      confirmButtonText: t('conflict.reload'),
      cancelButtonText: t('common.cancel'),
      customClass: 'conflict-box',
    })
      .then(() => true)
      .catch(() => false)
    if (reload) await options.onReload()
  }

  async function run<A extends TicketCommand>(ticket: { id: number; version: number }, action: A, body: ActionBody<A>): Promise<TicketDetail | null> {
    lastAttempt = () => run(ticket, action, body)
    submitting.value = true
    networkError.value = null
    formErrors.clear()
    try {
      const payload = { ...body, version: ticket.version } as TransitionBodies[A]
      const result = await ticketsApi.transition(ticket.id, action, payload)
      ElMessage.success(t('actions.done', { action: actionLabel(action) }))
      return result
    } catch (e) {
      if (!isApiError(e)) throw e
      if (e.isNetwork) networkError.value = e
      else if (e.status === 409) await handleConflict(e)
      else if (e.status === 400 && e.hasFieldErrors) {
        const rest = formErrors.apply(e)
        if (rest.length) ElMessage.error(rest.join('；'))
      } else if (e.status !== 401) ElMessage.error(errorText(e))
      return null
    } finally {
      submitting.value = false
    }
  }

  function retry(): Promise<TicketDetail | null> | undefined {
    return lastAttempt?.()
  }

  return { submitting, networkError, errors: formErrors.errors, clearErrors: formErrors.clear, run, retry }
}
