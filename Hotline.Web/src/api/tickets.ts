import type {
  AnswerDirectly,
  CallerTicket,
  Page,
  RegisterTicket,
  TicketDetail,
  TicketQuery,
  TicketCommand,
  TicketSummary,
  TransitionBodies,
} from '@/types'
import { buildQuery, http } from './http'

/** URL segment of each transition: POST /api/tickets/{id}/{segment}. */
export const ACTION_PATHS: Record<TicketCommand, string> = {
  Dispatch: 'dispatch',
  Sign: 'sign',
  RequestReturn: 'request-return',
  ApproveReturn: 'approve-return',
  RejectReturn: 'reject-return',
  Reply: 'reply',
  ApproveReply: 'approve-reply',
  SendBack: 'send-back',
  RecordVisit: 'visit',
  Reopen: 'reopen',
  Withdraw: 'withdraw',
  RequestExtension: 'request-extension',
  ApproveExtension: 'approve-extension',
  RejectExtension: 'reject-extension',
}

export function ticketQueryString(q: TicketQuery): string {
  return buildQuery({
    status: q.status,
    departmentId: q.departmentId,
    appealType: q.appealType,
    urgency: q.urgency,
    channel: q.channel,
    from: q.from,
    to: q.to,
    number: q.number?.trim(),
    q: q.q?.trim(),
    page: q.page,
    pageSize: q.pageSize,
    sort: q.sort,
    desc: q.desc,
    pendingExtension: q.pendingExtension,
  })
}

export const ticketsApi = {
  list: (q: TicketQuery) => http.get<Page<TicketSummary>>(`/api/tickets${ticketQueryString(q)}`),
  get: (id: number) => http.get<TicketDetail>(`/api/tickets/${id}`),
  byNumber: (number: string) => http.get<TicketDetail>(`/api/tickets/by-number/${encodeURIComponent(number)}`),
  callerHistory: (phone: string) => http.get<CallerTicket[]>(`/api/callers/${encodeURIComponent(phone)}/tickets`),
  register: (body: RegisterTicket) => http.post<TicketDetail>('/api/tickets', body),
  answerDirectly: (body: AnswerDirectly) => http.post<TicketDetail>('/api/tickets/answer-directly', body),
  transition: <A extends TicketCommand>(id: number, action: A, body: TransitionBodies[A]) =>
    http.post<TicketDetail>(`/api/tickets/${id}/${ACTION_PATHS[action]}`, body),
}
