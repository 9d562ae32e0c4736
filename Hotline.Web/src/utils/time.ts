import dayjs from 'dayjs'

export type UiLocale = 'zh-CN' | 'en'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/**
 * Elapsed time in the two largest units, as a liaison reads it: "2小时15分", "3天4小时", "15分钟";
 * en: "2h 15m", "3d 4h", "15m". Under a minute: "刚刚" / "just now". Future instants count as zero.
 */
export function formatDuration(ms: number, locale: UiLocale = 'zh-CN'): string {
  const total = Math.max(0, Math.floor(ms / MINUTE)) * MINUTE
  const d = Math.floor(total / DAY)
  const h = Math.floor((total % DAY) / HOUR)
  const m = Math.floor((total % HOUR) / MINUTE)
  const zh = locale === 'zh-CN'
  if (total < MINUTE) return zh ? '刚刚' : 'just now'
  if (d > 0) return zh ? `${d}天${h > 0 ? `${h}小时` : ''}` : `${d}d${h > 0 ? ` ${h}h` : ''}`
  if (h > 0) return zh ? `${h}小时${m > 0 ? `${m}分` : ''}` : `${h}h${m > 0 ? ` ${m}m` : ''}`
  return zh ? `${m}分钟` : `${m}m`
}

/** Time since an ISO-8601 instant; empty when there is none. */
export function timeSince(iso: string | null | undefined, now: Date | number = Date.now(), locale: UiLocale = 'zh-CN'): string {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return ''
  const n = typeof now === 'number' ? now : now.getTime()
  return formatDuration(n - t, locale)
}

/** Local date-time for tables and timelines. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : ''
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  return d.isValid() ? d.format('YYYY-MM-DD') : ''
}

/**
 * A local date range picked in the UI ([yyyy-mm-dd, yyyy-mm-dd], both inclusive) to the API's createdUtc
 * filter: from = local start of the first day, to = local start of the day after the last (exclusive), in UTC.
 */
export function dateRangeToUtc(range: readonly [string, string] | null | undefined): { from?: string; to?: string } {
  if (!range) return {}
  const [a, b] = range
  const from = dayjs(a).startOf('day')
  const to = dayjs(b).startOf('day').add(1, 'day')
  if (!from.isValid() || !to.isValid()) return {}
  return { from: from.toDate().toISOString(), to: to.toDate().toISOString() }
}
