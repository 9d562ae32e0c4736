import type {
  RoutingDecision,
  RoutingInput,
  RoutingListVersion,
  RoutingRule,
  RoutingRuleList,
  RoutingRuleQuery,
  RuleFromTicket,
  RuleReturnStats,
  SaveRoutingRule,
  TicketRouting,
} from '@/types'
import { buildQuery, http, type RequestOptions } from './http'

const base = '/api/routing'

/** The responsibility list (责任清单), docs/API.md "Routing". */
export const routingApi = {
  /** The suggestion while the agent types; `draft` decides by the draft (the administrators' test box). */
  decide: (input: RoutingInput, draft = false, options?: RequestOptions) =>
    http.post<RoutingDecision>(`${base}/decide${buildQuery({ draft: draft || undefined })}`, input, options),
  ticket: (ticketId: number) => http.get<TicketRouting>(`${base}/tickets/${ticketId}`),
  rules: (q: RoutingRuleQuery = {}) =>
    http.get<RoutingRuleList>(
      `${base}/rules${buildQuery({
        version: q.version,
        categoryId: q.categoryId,
        areaId: q.areaId,
        departmentId: q.departmentId,
        appealType: q.appealType,
        channel: q.channel,
        q: q.q?.trim(),
      })}`,
    ),
  rule: (ruleNo: number, version?: number) => http.get<RoutingRule>(`${base}/rules/${ruleNo}${buildQuery({ version })}`),
  create: (body: SaveRoutingRule) => http.post<RoutingRule>(`${base}/rules`, body),
  update: (ruleNo: number, body: SaveRoutingRule) => http.put<RoutingRule>(`${base}/rules/${ruleNo}`, body),
  remove: (ruleNo: number) => http.delete<void>(`${base}/rules/${ruleNo}`),
  fromTicket: (body: RuleFromTicket) => http.post<RoutingRule>(`${base}/rules/from-ticket`, body),
  publish: (note?: string) => http.post<RoutingListVersion>(`${base}/publish`, { note: note?.trim() || undefined }),
  resetDraft: () => http.post<void>(`${base}/draft/reset`),
  versions: () => http.get<RoutingListVersion[]>(`${base}/versions`),
  /** A plain link: the browser downloads the CSV with the session cookie. */
  exportUrl: (version?: number) => `${base}/export${buildQuery({ version })}`,
  import: (file: File) => {
    const form = new FormData()
    form.append('file', file)
    return http.post<{ imported: number }>(`${base}/import`, form)
  },
  returnsReport: (from?: string, to?: string) => http.get<RuleReturnStats[]>(`${base}/report/returns${buildQuery({ from, to })}`),
}
