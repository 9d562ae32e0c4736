import type { CalendarDay } from '@/types'

export type DayType = 'normal' | 'holiday' | 'workday'

export interface GridDay {
  /** yyyy-MM-dd */
  date: string
  day: number
  /** 0 Monday … 6 Sunday */
  weekday: number
  weekend: boolean
}

const pad = (n: number) => String(n).padStart(2, '0')

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`
}

/** The weeks of a month (month 1-12), Monday first; null pads the first and last week. */
export function monthGrid(year: number, month: number): (GridDay | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1))
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const lead = (first.getUTCDay() + 6) % 7
  const cells: (GridDay | null)[] = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= days; d++) {
    const weekday = (lead + d - 1) % 7
    cells.push({ date: isoDate(year, month, d), day: d, weekday, weekend: weekday >= 5 })
  }
  while (cells.length % 7 !== 0) cells.push(null)
  const weeks: (GridDay | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

/** 休 / 班 / as Monday-Friday, from the year's exceptions. */
export function dayType(entry: CalendarDay | undefined): DayType {
  if (!entry) return 'normal'
  return entry.isWorkingDay ? 'workday' : 'holiday'
}

/**
 * The exceptions to send after the user set a day to `type`: 'normal' removes the entry; a holiday on a weekend or a
 * working weekday is kept as given (the official notice lists them), since the administrator chose it explicitly.
 */
export function setDay(days: ReadonlyMap<string, CalendarDay>, date: string, type: DayType, note: string): Map<string, CalendarDay> {
  const next = new Map(days)
  if (type === 'normal') next.delete(date)
  else next.set(date, { date, isWorkingDay: type === 'workday', note: note.trim() || null })
  return next
}
