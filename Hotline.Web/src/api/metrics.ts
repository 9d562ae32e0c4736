import { buildQuery, http } from './http'
import type { Channel, TicketStatus } from '@/types'

/** Performance figures, screening (甄别), dashboards and the monthly bulletins (docs/API.md "Metrics"). */

export type MetricSource = 'Rollup' | 'Raw'
export type BulletinList = 'Red' | 'Black'

export interface MetricCounters {
  received: number
  repeated: number
  signed: number
  signedOnTime: number
  returned: number
  completed: number
  completedOnTime: number
  handlingDays: number
  visited: number
  satisfied: number
  resolved: number
  reopened: number
  overdue: number
}

export interface MetricRates {
  signOnTimeRate: number | null
  completedOnTimeRate: number | null
  satisfactionRate: number | null
  resolutionRate: number | null
  returnVisitRate: number | null
  reopenRate: number | null
  returnRate: number | null
  repeatRate: number | null
  averageHandlingDays: number | null
}

export interface DepartmentMetrics {
  departmentId: number
  departmentName: string
  rank: number | null
  score: number | null
  list: BulletinList | null
  /** null for another department's row when a liaison reads (only name, rank, score and list). */
  counters: MetricCounters | null
  rates: MetricRates | null
  screened: number
}

export interface MetricsTable {
  fromDay: string
  toDay: string
  source: MetricSource
  departments: DepartmentMetrics[]
  totals: MetricCounters | null
  totalRates: MetricRates | null
}

export interface Screening {
  id: number
  ticketId: number
  ticketNumber: string
  ticketTitle: string
  departmentId: number
  departmentName: string
  reason: string
  createdByUserId: number
  createdByName: string
  createdUtc: string
  revokedByUserId: number | null
  revokedByName: string | null
  revokedUtc: string | null
  revokeReason: string | null
}

export interface HotItem {
  id: number
  name: string
  count: number
  share: number
}

export interface RisingItem {
  id: number
  name: string
  count: number
  previousCount: number
  increase: number
}

export interface RepeatClusterItem {
  id: number
  kind: 'Caller' | 'Place' | string
  categoryName: string | null
  areaName: string | null
  appeals: number
  matters: number
  unsatisfied: number
  lastUtc: string
  anchorNumber: string | null
  departments: string[]
}

export interface HotIssues {
  total: number
  topCategories: HotItem[]
  topAreas: HotItem[]
  risingCategories: RisingItem[]
  /** the month's largest repeat clusters (absent from bulletins published before they were listed) */
  repeatClusters?: RepeatClusterItem[]
}

export interface BulletinContent {
  month: string
  version: number
  source: string
  generatedUtc: string
  fromDay: string
  toDay: string
  thresholds: { redListMinScore: number; blackListBelowScore: number; minReceived: number }
  departments: DepartmentMetrics[]
  totals: MetricCounters
  totalRates: MetricRates | null
  redList: string[]
  blackList: string[]
  screenings: Screening[]
  hotIssues: HotIssues
}

export interface BulletinSummary {
  id: number
  month: string
  version: number
  source: 'Job' | 'OnDemand'
  generatedByUserId: number | null
  generatedByName: string | null
  generatedUtc: string
}

export interface BulletinView {
  summary: BulletinSummary
  content: BulletinContent
}

export interface CountItem {
  name: string
  count: number
}

export interface Dashboard {
  today: string
  todayTotal: number
  todayByChannel: { name: Channel; count: number }[]
  openByStatus: { name: TicketStatus; count: number }[]
  overdueByDepartment: HotItem[]
  satisfaction: { month: string; visited: number; satisfied: number; rate: number | null }[]
  heatMonth: string
  heatAreas: HotItem[]
  heatCategories: HotItem[]
  heat: { areaId: number; categoryId: number; count: number }[]
}

export const metricsApi = {
  departments: (from: string, to: string) => http.get<MetricsTable>(`/api/metrics/departments${buildQuery({ from, to })}`),
  exportUrl: (from: string, to: string) => `/api/metrics/departments/export${buildQuery({ from, to })}`,
  dashboard: (month?: string) => http.get<Dashboard>(`/api/metrics/dashboard${buildQuery({ month })}`),
  screenings: () => http.get<Screening[]>('/api/metrics/screenings'),
  screen: (body: { ticketId: number; departmentId: number; reason: string }) => http.post<Screening>('/api/metrics/screenings', body),
  revoke: (id: number, reason: string) => http.post<Screening>(`/api/metrics/screenings/${id}/revoke`, { reason }),
  bulletins: () => http.get<BulletinSummary[]>('/api/metrics/bulletins'),
  generate: (month: string) => http.post<BulletinView>('/api/metrics/bulletins', { month }),
  bulletin: (id: number) => http.get<BulletinView>(`/api/metrics/bulletins/${id}`),
  bulletinExportUrl: (id: number) => `/api/metrics/bulletins/${id}/export`,
}

/** A rate (0-1) as a percentage with two decimals; "—" when it has no denominator. */
export function pct(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(2)}%`
}
