import type { Satisfaction, WindowCaseDetail, WindowCaseQuery, WindowCasePage, WindowFigures, WindowIntake, WindowMode, WindowNoteKind, WindowTicketLink } from '@/types'
import { buildQuery, http } from './http'

const base = '/api/window'

export function windowQueryString(q: WindowCaseQuery, paged = true): string {
  return buildQuery({
    status: q.status,
    cause: q.cause,
    mode: q.mode,
    departmentId: q.departmentId,
    serviceItem: q.serviceItem,
    from: q.from,
    to: q.to,
    q: q.q,
    mine: q.mine ? 'true' : undefined,
    fixMade: q.fixMade === undefined ? undefined : String(q.fixMade),
    overdue: q.overdue ? 'true' : undefined,
    page: paged ? q.page : undefined,
    pageSize: paged ? q.pageSize : undefined,
  })
}

export interface WindowHandleBody {
  version: number
  mode: WindowMode
  leadDepartmentId?: number | null
  assistDepartmentIds?: number[]
  categoryId?: number | null
  workingDays?: number | null
  note?: string
}

export interface WindowVisitBody {
  version: number
  satisfaction: Satisfaction | null
  resolved: boolean | null
  comment?: string
  fixMade: boolean | null
  fixDescription?: string
  fixBy?: string
}

export const windowApi = {
  list: (q: WindowCaseQuery) => http.get<WindowCasePage>(`${base}/cases${windowQueryString(q)}`),
  /** A plain link: the browser downloads the CSV (UTF-8 with BOM) with the session cookie. */
  exportUrl: (q: WindowCaseQuery) => `${base}/cases/export${windowQueryString(q, false)}`,
  get: (id: number) => http.get<WindowCaseDetail>(`${base}/cases/${id}`),
  intake: (body: WindowIntake) => http.post<WindowCaseDetail>(`${base}/cases`, body),
  forward: (ticketId: number, version: number, note?: string) => http.post<WindowCaseDetail>(`${base}/cases/forward`, { ticketId, version, note }),
  handle: (id: number, body: WindowHandleBody) => http.post<WindowCaseDetail>(`${base}/cases/${id}/handle`, body),
  log: (id: number, kind: WindowNoteKind, content: string) => http.post<WindowCaseDetail>(`${base}/cases/${id}/log`, { kind, content }),
  reply: (id: number, version: number, decision: string, reply: string) => http.post<WindowCaseDetail>(`${base}/cases/${id}/reply`, { version, decision, reply }),
  visit: (id: number, body: WindowVisitBody) => http.post<WindowCaseDetail>(`${base}/cases/${id}/visit`, body),
  figures: (from?: string, to?: string) => http.get<WindowFigures>(`${base}/figures${buildQuery({ from, to })}`),
  ticketLinks: (ticketId: number) => http.get<WindowTicketLink[]>(`${base}/tickets/${ticketId}/cases`),
}
