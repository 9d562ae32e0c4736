import type { EscalationQuery, EscalationView, Page } from '@/types'
import { buildQuery, http } from './http'

export function escalationQueryString(q: EscalationQuery): string {
  return buildQuery({
    open: q.open === undefined ? undefined : String(q.open),
    kind: q.kind,
    level: q.level,
    departmentId: q.departmentId,
    acknowledged: q.acknowledged === undefined ? undefined : String(q.acknowledged),
    page: q.page,
    pageSize: q.pageSize,
  })
}

export const escalationsApi = {
  list: (q: EscalationQuery) => http.get<Page<EscalationView>>(`/api/escalations${escalationQueryString(q)}`),
  acknowledge: (id: number) => http.post<EscalationView>(`/api/escalations/${id}/acknowledge`),
}
