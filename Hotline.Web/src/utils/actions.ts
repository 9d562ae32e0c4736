import { i18n } from '@/locales'
import { EXTENSION_ACTIONS, SYSTEM_ACTIONS } from '@/types'

const DEADLINE_ACTIONS: readonly string[] = [...EXTENSION_ACTIONS, ...SYSTEM_ACTIONS]

/** The label of any ticket action, including the extension and deadline-sweep ones (deadlines.actions). */
export function actionLabel(action: string): string {
  const t = i18n.global.t
  return DEADLINE_ACTIONS.includes(action) ? t(`deadlines.actions.${action}`) : t(`enums.action.${action}`)
}

/** The dialog title of a transition. */
export function actionTitle(action: string): string {
  const t = i18n.global.t
  return DEADLINE_ACTIONS.includes(action) ? t(`deadlines.actions.${action}`) : t(`actions.titles.${action}`)
}
