import type { CalendarDay, CalendarYear, DeadlinePolicy, SavePolicy, WorkingDaysAnswer, WorkingDaysBetweenAnswer } from '@/types'
import { ApiError, buildQuery, http, problemToApiError, readCookie, XSRF_COOKIE, XSRF_HEADER } from './http'
import { noteServerTime, SERVER_TIME_HEADER } from '@/utils/serverClock'

/** The working-day calendar and the deadline policies (docs/API.md "Deadlines"). */
export const calendarApi = {
  year: (year: number) => http.get<CalendarYear>(`/api/calendar/${year}`),
  save: (year: number, body: { source: string; days: CalendarDay[] }) => http.put<CalendarYear>(`/api/calendar/${year}`, body),
  /** The CSV goes as the raw body (text/csv); a bad line answers 400 with errors.csv naming the line. */
  importCsv: async (year: number, csv: string, source?: string): Promise<CalendarYear> => {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'Content-Type': 'text/csv; charset=utf-8' }
    const token = readCookie(XSRF_COOKIE)
    if (token) headers[XSRF_HEADER] = token
    let res: Response
    try {
      res = await fetch(`/api/calendar/${year}/import${buildQuery({ source })}`, { method: 'POST', headers, body: csv, credentials: 'same-origin' })
    } catch (e) {
      throw new ApiError({ status: 0, title: e instanceof Error ? e.message : 'Network error', code: 'Network' })
    }
    noteServerTime(res.headers.get(SERVER_TIME_HEADER))
    const body: unknown = await res.json().catch(() => undefined)
    if (!res.ok) throw problemToApiError(res.status, body, res.statusText)
    return body as CalendarYear
  },
  addWorkingDays: (fromUtc: string, days: number) => http.get<WorkingDaysAnswer>(`/api/calendar/add-working-days${buildQuery({ from: fromUtc, days })}`),
  workingDaysBetween: (fromUtc: string, toUtc: string) => http.get<WorkingDaysBetweenAnswer>(`/api/calendar/working-days-between${buildQuery({ from: fromUtc, to: toUtc })}`),
}

export const policiesApi = {
  list: () => http.get<DeadlinePolicy[]>('/api/deadline-policies'),
  create: (body: SavePolicy) => http.post<DeadlinePolicy>('/api/deadline-policies', body),
}
