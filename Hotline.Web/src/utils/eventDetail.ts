import { formatDateTime } from '@/utils/time'

type Translate = (key: string, params?: Record<string, unknown>) => string

export interface EventDetailContext {
  t: Translate
  /** Whether a message key exists (vue-i18n's te). */
  te: (key: string) => boolean
  departmentName: (id: number) => string
}

/** Which enum a value of a known field belongs to, for its translation. */
const ENUM_FIELDS: Record<string, string> = {
  satisfaction: 'enums.satisfaction',
  role: 'enums.assignmentRole',
  kind: 'eventDetail.kinds',
  level: 'eventDetail.levels',
}

/**
 * The action-specific data of a timeline event (TicketEvent.detail) as lines a person reads: labels in the user's
 * language, department names instead of ids, yes/no, local times, enum names translated. Unknown fields are shown
 * as they are rather than hidden.
 */
export function eventDetailLines(detail: Record<string, unknown> | null | undefined, ctx: EventDetailContext): string[] {
  if (!detail) return []
  const lines: string[] = []
  for (const [key, value] of Object.entries(detail)) {
    const text = valueText(key, value, ctx)
    if (text === '') continue
    const label = ctx.te(`eventDetail.${key}`) ? ctx.t(`eventDetail.${key}`) : key
    lines.push(ctx.t('eventDetail.line', { label, value: text }))
  }
  return lines
}

function valueText(key: string, value: unknown, ctx: EventDetailContext): string {
  if (value === null || value === undefined || value === '') return ''
  if (key === 'routing' && typeof value === 'object' && !Array.isArray(value)) {
    const r = value as { version?: number | null; ruleNo?: number | null; auto?: boolean }
    return ctx.t('eventDetail.routingText', { version: r.version ?? '-', ruleNo: r.ruleNo ?? '-' }) + (r.auto ? ctx.t('eventDetail.auto') : '')
  }
  if (key.endsWith('DepartmentId') && typeof value === 'number') return ctx.departmentName(value) || String(value)
  if (key.endsWith('DepartmentIds') && Array.isArray(value)) return value.map((id) => ctx.departmentName(Number(id)) || String(id)).join('、')
  if (key.endsWith('Utc') && typeof value === 'string') return formatDateTime(value)
  if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no')
  const enumKey = ENUM_FIELDS[key]
  if (enumKey && typeof value === 'string' && ctx.te(`${enumKey}.${value}`)) return ctx.t(`${enumKey}.${value}`)
  if (Array.isArray(value)) return value.join('、')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
