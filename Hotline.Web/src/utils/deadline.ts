import type { ClockKind, DeadlineClocksFields, LimitUnit, TicketStatus } from '@/types'
import { formatDuration, type UiLocale } from './time'

/** green: more than 20% of the limit left; yellow: from the warn time; red: from the due time; none: no clock. */
export type ClockState = 'none' | 'green' | 'yellow' | 'red'

export interface Countdown {
  state: ClockState
  /** Due time minus now; negative when overdue. */
  remainingMs: number
  estimated: boolean
}

const MINUTE = 60_000

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : t
}

/** The state of one clock at `now` (ms): red from `dueUtc`, yellow from `warnUtc`, else green. */
export function countdown(dueUtc: string | null | undefined, warnUtc: string | null | undefined, now: number, estimated = false): Countdown {
  const due = parse(dueUtc)
  if (due === null) return { state: 'none', remainingMs: 0, estimated: false }
  const warn = parse(warnUtc)
  const state: ClockState = now >= due ? 'red' : warn !== null && now >= warn ? 'yellow' : 'green'
  return { state, remainingMs: due - now, estimated }
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/** "剩余 3小时12分" / "超时 1天2小时" (en: "3h 12m left" / "overdue 1d 2h"), plus "（估算）" when estimated. */
export function formatCountdown(c: Countdown, t: Translate, locale: UiLocale = 'zh-CN'): string {
  if (c.state === 'none') return t('deadlines.clock.none')
  const abs = Math.abs(c.remainingMs)
  const d = abs < MINUTE ? t('deadlines.clock.lessThanMinute') : formatDuration(abs, locale)
  const text = c.remainingMs > 0 ? t('deadlines.clock.left', { d }) : t('deadlines.clock.overdue', { d })
  return c.estimated ? `${text}（${t('deadlines.clock.estimated')}）` : text
}

/** Which clock runs while a ticket is in a status (the sign clock wins while PendingSign). */
export function runningClock(status: TicketStatus): ClockKind | null {
  switch (status) {
    case 'PendingSign':
      return 'Sign'
    case 'ReturnRequested':
    case 'InProgress':
      return 'Handle'
    case 'PendingVisit':
      return 'Visit'
    default:
      return null
  }
}

/** The due and warn times of one clock of a ticket. */
export function clockTimes(ticket: DeadlineClocksFields, kind: ClockKind): { dueUtc: string | null; warnUtc: string | null } {
  switch (kind) {
    case 'Sign':
      return { dueUtc: ticket.signDueUtc ?? null, warnUtc: ticket.signWarnUtc ?? null }
    case 'Handle':
      return { dueUtc: ticket.handleDueUtc ?? null, warnUtc: ticket.handleWarnUtc ?? null }
    case 'Visit':
      return { dueUtc: ticket.visitDueUtc ?? null, warnUtc: ticket.visitWarnUtc ?? null }
  }
}

/** Whether a clock runs in a status (DESIGN.md: the handle clock runs from dispatch, also while PendingSign). */
export function clockRuns(kind: ClockKind, status: TicketStatus): boolean {
  if (kind === 'Sign') return status === 'PendingSign'
  if (kind === 'Handle') return status === 'PendingSign' || status === 'ReturnRequested' || status === 'InProgress'
  return status === 'PendingVisit'
}

/** The most working days one extension may ask for (docs/API.md: 1-10, Deadlines:MaxExtensionWorkingDays). */
export const MAX_EXTENSION_WORKING_DAYS = 10

/** "30 分钟" / "2 小时" / "5 工作日" (en: "30 minutes", "2 hours", "5 working days"). */
export function formatLimit(value: number, unit: LimitUnit, t: Translate): string {
  if (unit === 'Minutes' && value >= 60 && value % 60 === 0) return t('deadlines.policies.hours', { n: value / 60 })
  return t('deadlines.policies.value', { n: value, unit: t(`deadlines.policies.units.${unit}`) })
}
