import type { TicketDetail } from '@/types'

export interface AutoDispatchInfo {
  departmentName: string
  ruleNo: number | null
  version: number | null
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}

/**
 * Whether registration dispatched the ticket by the responsibility list at once: a Dispatch event whose detail
 * carries `routing: { auto: true, ruleNo, version }` (docs/API.md "Routing").
 */
export function autoDispatchOf(ticket: Pick<TicketDetail, 'status' | 'events' | 'leadDepartmentName'>): AutoDispatchInfo | null {
  // A partial ticket (an older server, a test double) may come without events: then nothing was auto-dispatched.
  const event = (ticket.events ?? []).find((e) => e.action === 'Dispatch' && e.detail !== null && typeof e.detail.routing === 'object' && e.detail.routing !== null)
  const routing = event?.detail?.routing as Record<string, unknown> | undefined
  if (!event || !routing || routing.auto !== true) return null
  return {
    departmentName: ticket.leadDepartmentName ?? event.departmentName ?? '',
    ruleNo: num(routing.ruleNo),
    version: num(routing.version),
  }
}
