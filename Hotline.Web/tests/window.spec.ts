import { describe, expect, it } from 'vitest'
import { windowApi, windowQueryString } from '@/api/window'
import zhCN from '@/locales/zh-CN'
import { OUT_OF_SCOPE_KINDS, WINDOW_CASE_STATUSES, WINDOW_CAUSES, WINDOW_MODES } from '@/types'

describe('window cases (办不成事)', () => {
  it('builds the ledger query: statuses repeated, booleans only when set, paging left out of the export', () => {
    expect(windowQueryString({ status: ['Handling', 'PendingVisit'], cause: 'Materials', mine: true, fixMade: false, overdue: true, page: 2, pageSize: 20 })).toBe(
      '?status=Handling&status=PendingVisit&cause=Materials&mine=true&fixMade=false&overdue=true&page=2&pageSize=20',
    )
    expect(windowQueryString({ mine: false, overdue: false, q: '' })).toBe('')
    expect(windowApi.exportUrl({ cause: 'Conduct', page: 3, pageSize: 20 })).toBe('/api/window/cases/export?cause=Conduct')
  })
  it('has a Chinese label for every status, cause, mode and out-of-scope kind', () => {
    for (const s of WINDOW_CASE_STATUSES) expect(zhCN.window.status[s]).toBeTruthy()
    for (const c of WINDOW_CAUSES) expect(zhCN.window.cause[c]).toBeTruthy()
    for (const m of WINDOW_MODES) expect(zhCN.window.mode[m]).toBeTruthy()
    for (const k of OUT_OF_SCOPE_KINDS) expect(zhCN.window.outOfScopeKind[k]).toBeTruthy()
  })
})
