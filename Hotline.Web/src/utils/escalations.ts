import type { EscalationKind, EscalationLevel, EscalationQuery, Page } from '@/types'
import { ESCALATION_KINDS, ESCALATION_LEVELS } from '@/types'
import type { TagType } from './status'

export interface EscalationCounters {
  /** cells[kind][level]: open escalations of that kind and level. */
  cells: Record<EscalationKind, Record<EscalationLevel, number>>
  byKind: Record<EscalationKind, number>
  byLevel: Record<EscalationLevel, number>
  total: number
}

type Lister = (q: EscalationQuery) => Promise<Page<unknown>>

/**
 * The counters above the 督办台: one request per kind and level asking only for the total (pageSize 1), with the
 * same scope as the page (e.g. a department), so they are the server's numbers, not the visible page's.
 */
export async function countEscalations(list: Lister, scope: Pick<EscalationQuery, 'departmentId' | 'acknowledged'> = {}): Promise<EscalationCounters> {
  const pairs = ESCALATION_KINDS.flatMap((kind) => ESCALATION_LEVELS.map((level) => ({ kind, level })))
  const totals = await Promise.all(pairs.map((p) => list({ ...scope, open: true, kind: p.kind, level: p.level, page: 1, pageSize: 1 }).then((r) => r.total)))
  const zeroLevels = () => Object.fromEntries(ESCALATION_LEVELS.map((l) => [l, 0])) as Record<EscalationLevel, number>
  const cells = Object.fromEntries(ESCALATION_KINDS.map((k) => [k, zeroLevels()])) as Record<EscalationKind, Record<EscalationLevel, number>>
  const byKind = Object.fromEntries(ESCALATION_KINDS.map((k) => [k, 0])) as Record<EscalationKind, number>
  const byLevel = zeroLevels()
  let total = 0
  pairs.forEach((p, i) => {
    const n = totals[i] ?? 0
    cells[p.kind][p.level] = n
    byKind[p.kind] += n
    byLevel[p.level] += n
    total += n
  })
  return { cells, byKind, byLevel, total }
}

export const ESCALATION_LEVEL_TAG: Record<EscalationLevel, { type: TagType; effect: 'dark' | 'light' | 'plain' }> = {
  Yellow: { type: 'warning', effect: 'light' },
  Red: { type: 'danger', effect: 'light' },
  Supervise: { type: 'danger', effect: 'dark' },
}
