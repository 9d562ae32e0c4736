import { describe, expect, it, vi } from 'vitest'
import { countEscalations } from '@/utils/escalations'
import { escalationQueryString } from '@/api/escalations'
import type { EscalationQuery, Page } from '@/types'

describe('escalation counters', () => {
  it('asks the server for the total of every kind and level of open escalations and sums them', async () => {
    const totals: Record<string, number> = { 'Sign:Red': 3, 'Sign:Yellow': 2, 'Handle:Red': 4, 'Handle:Supervise': 1, 'Visit:Yellow': 5, 'Window:Red': 2 }
    const list = vi.fn(async (q: EscalationQuery): Promise<Page<unknown>> => ({ items: [], total: totals[`${q.kind}:${q.level}`] ?? 0, page: 1, pageSize: 1 }))

    const c = await countEscalations(list, { departmentId: 42 })

    expect(list).toHaveBeenCalledTimes(21) // 7 kinds (window cases, repeat and 疑难 too) × 3 levels
    for (const [q] of list.mock.calls) {
      expect(q).toMatchObject({ open: true, departmentId: 42, page: 1, pageSize: 1 })
    }
    expect(c.cells.Sign).toEqual({ Yellow: 2, Red: 3, Supervise: 0 })
    expect(c.cells.Handle).toEqual({ Yellow: 0, Red: 4, Supervise: 1 })
    expect(c.cells.Calendar).toEqual({ Yellow: 0, Red: 0, Supervise: 0 })
    expect(c.cells.Window).toEqual({ Yellow: 0, Red: 2, Supervise: 0 })
    expect(c.byKind).toEqual({ Sign: 5, Handle: 5, Visit: 5, Calendar: 0, Window: 2, Repeat: 0, Difficult: 0 })
    expect(c.byLevel).toEqual({ Yellow: 7, Red: 9, Supervise: 1 })
    expect(c.total).toBe(17)
  })

  it('fails when one of the counts fails (no half-true board)', async () => {
    const list = vi.fn(async (q: EscalationQuery): Promise<Page<unknown>> => {
      if (q.kind === 'Visit' && q.level === 'Red') throw new Error('boom')
      return { items: [], total: 1, page: 1, pageSize: 1 }
    })
    await expect(countEscalations(list)).rejects.toThrow('boom')
  })

  it('builds the list query: open, kind, level, department, acknowledged', () => {
    expect(escalationQueryString({ open: 'any', kind: 'Handle', level: 'Red', departmentId: 7, acknowledged: false, page: 2, pageSize: 20 })).toBe(
      '?open=any&kind=Handle&level=Red&departmentId=7&acknowledged=false&page=2&pageSize=20',
    )
    expect(escalationQueryString({ open: true })).toBe('?open=true')
    expect(escalationQueryString({})).toBe('')
  })
})
