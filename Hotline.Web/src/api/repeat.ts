import type {
  CandidateQuery,
  ClusterDetail,
  ClusterQuery,
  ClusterSummary,
  Page,
  RepeatCandidate,
  RepeatFigures,
  TicketDetail,
  TicketRepeatInfo,
} from '@/types'
import { buildQuery, http } from './http'

export function clusterQueryString(q: ClusterQuery): string {
  return buildQuery({ kind: q.kind, from: q.from, to: q.to, minSize: q.minSize, page: q.page, pageSize: q.pageSize })
}

/** Repeat complaints (重复诉求): candidates while the agent types, clusters, figures, and merge (并单) / un-merge. */
export const repeatApi = {
  candidates: (q: CandidateQuery, signal?: AbortSignal) => http.post<RepeatCandidate[]>('/api/repeat/candidates', q, { signal }),
  clusters: (q: ClusterQuery) => http.get<Page<ClusterSummary>>(`/api/repeat/clusters${clusterQueryString(q)}`),
  cluster: (id: number) => http.get<ClusterDetail>(`/api/repeat/clusters/${id}`),
  figures: (from?: string, to?: string) => http.get<RepeatFigures>(`/api/repeat/figures${buildQuery({ from, to })}`),
  ticketInfo: (id: number) => http.get<TicketRepeatInfo>(`/api/tickets/${id}/repeat`),
  merge: (id: number, body: { version: number; masterTicketId: number; reason: string }) => http.post<TicketDetail>(`/api/tickets/${id}/merge`, body),
  unmerge: (id: number, body: { version: number; reason: string }) => http.post<TicketDetail>(`/api/tickets/${id}/unmerge`, body),
}
