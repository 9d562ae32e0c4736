import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '@/locales'
import { clockRuns, clockTimes, countdown, formatCountdown, formatLimit, runningClock } from '@/utils/deadline'
import { noteServerTime, resetServerClock, serverNow, serverOffset } from '@/utils/serverClock'
import { dayType, monthGrid, setDay } from '@/utils/calendar'
import type { CalendarDay } from '@/types'

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})
const tEn = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {}, { locale: 'en' })
const at = (iso: string) => Date.parse(iso)

// A 5-hour handle limit: due 15:00Z, yellow (20% left) from 14:00Z.
const DUE = '2026-11-23T15:00:00Z'
const WARN = '2026-11-23T14:00:00Z'

describe('countdown state and text', () => {
  it('is green before the warn time: 剩余 3小时12分', () => {
    const c = countdown(DUE, WARN, at('2026-11-23T11:48:00Z'))
    expect(c.state).toBe('green')
    expect(c.remainingMs).toBe((3 * 60 + 12) * 60_000)
    expect(formatCountdown(c, t)).toBe('剩余 3小时12分')
    expect(formatCountdown(c, tEn, 'en')).toBe('3h 12m left')
  })

  it('is yellow from the warn time on, up to the due time', () => {
    expect(countdown(DUE, WARN, at('2026-11-23T13:59:59Z')).state).toBe('green')
    const c = countdown(DUE, WARN, at('2026-11-23T14:00:00Z'))
    expect(c.state).toBe('yellow')
    expect(formatCountdown(c, t)).toBe('剩余 1小时')
    const last = countdown(DUE, WARN, at('2026-11-23T14:59:30Z'))
    expect(last.state).toBe('yellow')
    expect(formatCountdown(last, t)).toBe('剩余 不足1分钟')
  })

  it('is red from the due time: 超时 1天2小时', () => {
    expect(countdown(DUE, WARN, at(DUE)).state).toBe('red')
    const c = countdown(DUE, WARN, at('2026-11-24T17:00:00Z'))
    expect(c.state).toBe('red')
    expect(c.remainingMs).toBeLessThan(0)
    expect(formatCountdown(c, t)).toBe('超时 1天2小时')
    expect(formatCountdown(c, tEn, 'en')).toBe('overdue 1d 2h')
  })

  it('marks an estimated due time', () => {
    const c = countdown(DUE, WARN, at('2026-11-23T12:00:00Z'), true)
    expect(c.estimated).toBe(true)
    expect(formatCountdown(c, t)).toBe('剩余 3小时（估算）')
  })

  it('has no state without a due time, and no yellow without a warn time', () => {
    expect(countdown(null, WARN, at(DUE)).state).toBe('none')
    expect(formatCountdown(countdown(undefined, undefined, 0), t)).toBe('—')
    expect(countdown(DUE, null, at('2026-11-23T14:30:00Z')).state).toBe('green')
  })

  it('picks the clock that runs for a status', () => {
    expect(runningClock('PendingSign')).toBe('Sign')
    expect(runningClock('InProgress')).toBe('Handle')
    expect(runningClock('ReturnRequested')).toBe('Handle')
    expect(runningClock('PendingVisit')).toBe('Visit')
    expect(runningClock('PendingReview')).toBeNull()
    expect(runningClock('Closed')).toBeNull()
    expect(clockRuns('Handle', 'PendingSign')).toBe(true) // the handle clock starts at dispatch
    expect(clockRuns('Sign', 'InProgress')).toBe(false)
    expect(clockTimes({ visitDueUtc: DUE, visitWarnUtc: WARN }, 'Visit')).toEqual({ dueUtc: DUE, warnUtc: WARN })
  })

  it('formats policy limits with their units', () => {
    expect(formatLimit(30, 'Minutes', t)).toBe('30 分钟')
    expect(formatLimit(5, 'WorkingDays', t)).toBe('5 工作日')
    expect(formatLimit(120, 'Minutes', t)).toBe('2 小时')
    expect(formatLimit(90, 'Minutes', t)).toBe('90 分钟')
  })
})

describe('server clock', () => {
  afterEach(resetServerClock)
  it('follows the server time told in X-Server-Time', () => {
    noteServerTime('2026-11-23T10:00:00.000Z', at('2026-11-23T09:30:00Z'))
    expect(serverOffset()).toBe(30 * 60_000)
    expect(serverNow(at('2026-11-23T09:31:00Z'))).toBe(at('2026-11-23T10:01:00Z'))
    noteServerTime('not a time', 0)
    expect(serverOffset()).toBe(30 * 60_000)
  })
})

describe('calendar grid', () => {
  it('lays October 2026 out Monday first (1 Oct is a Thursday)', () => {
    const weeks = monthGrid(2026, 10)
    expect(weeks[0]?.slice(0, 3)).toEqual([null, null, null])
    expect(weeks[0]?.[3]).toMatchObject({ date: '2026-10-01', day: 1, weekday: 3, weekend: false })
    const all = weeks.flat().filter((d) => d !== null)
    expect(all).toHaveLength(31)
    expect(all.find((d) => d.date === '2026-10-10')).toMatchObject({ weekday: 5, weekend: true })
    expect(weeks.every((w) => w.length === 7)).toBe(true)
  })

  it('sets and clears a day', () => {
    const start = new Map<string, CalendarDay>([['2026-10-01', { date: '2026-10-01', isWorkingDay: false, note: '国庆节' }]])
    const withWork = setDay(start, '2026-10-10', 'workday', ' 国庆调休 ')
    expect(dayType(withWork.get('2026-10-10'))).toBe('workday')
    expect(withWork.get('2026-10-10')?.note).toBe('国庆调休')
    expect(dayType(withWork.get('2026-10-01'))).toBe('holiday')
    const cleared = setDay(withWork, '2026-10-01', 'normal', '')
    expect(cleared.has('2026-10-01')).toBe(false)
    expect(start.size).toBe(1) // the original is untouched
  })
})
