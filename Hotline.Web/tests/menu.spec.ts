import { describe, expect, it } from 'vitest'
import { homeRouteName, isMenuGroup, menuForRole, menuRouteNames } from '@/router/menu'
import { ROLES } from '@/types'
import zhCN from '@/locales/zh-CN'

const titles = (role: Parameters<typeof menuRouteNames>[0]) => menuRouteNames(role).sort()

describe('role → menu', () => {
  it('Agent: 来电登记, 工单查询, 待回访', () => {
    expect(titles('Agent')).toEqual(['center-visit', 'intake', 'tickets'])
  })
  it('Dispatcher: 工单查询, center queues, 来电登记, 责任清单 (read-only), 督办台', () => {
    expect(titles('Dispatcher')).toEqual(['center-dispatch', 'center-extensions', 'center-returns', 'center-review', 'center-visit', 'escalations', 'intake', 'metrics-bulletins', 'metrics-dashboard', 'metrics-departments', 'repeat-board', 'routing-rules', 'tickets'])
    // A group of one is flattened: the dispatcher sees 责任清单 at the top level, not under 系统管理.
    expect(menuForRole('Dispatcher').some((e) => !isMenuGroup(e) && e.name === 'routing-rules')).toBe(true)
    const group = menuForRole('Dispatcher').find(isMenuGroup)
    expect(group?.group).toBe('center')
    expect(group?.children.map((c) => c.name)).toEqual(['center-dispatch', 'center-returns', 'center-review', 'center-visit', 'center-extensions'])
  })
  it('Liaison: 部门待办, 工单查询, 督办台 (their department)', () => {
    expect(titles('Liaison')).toEqual(['escalations', 'inbox', 'metrics-bulletins', 'metrics-departments', 'tickets'])
  })
  it('Supervisor: 工单查询, 督办台, 重复投诉, the figures and bulletins, and the window ledger and figures, landing on 督办台; WindowStaff: the window screens, landing on 我的案件', () => {
    expect(titles('Supervisor')).toEqual(['escalations', 'metrics-bulletins', 'metrics-dashboard', 'metrics-departments', 'repeat-board', 'tickets', 'window-figures', 'window-ledger'])
    expect(homeRouteName('Supervisor')).toBe('escalations')
    expect(titles('WindowStaff')).toEqual(['tickets', 'window-cases', 'window-figures', 'window-intake', 'window-ledger'])
    expect(homeRouteName('WindowStaff')).toBe('window-cases')
  })
  it('Admin: 工单查询 + 系统管理 (incl. 责任清单, calendar and policies)', () => {
    expect(titles('Admin')).toEqual(['admin-areas', 'admin-calendar', 'admin-categories', 'admin-departments', 'admin-policies', 'admin-users', 'metrics-bulletins', 'metrics-dashboard', 'metrics-departments', 'routing-rules', 'tickets'])
    const group = menuForRole('Admin').find((e) => isMenuGroup(e) && e.group === 'admin')
    expect(group && isMenuGroup(group) ? group.children.map((c) => c.name) : []).toContain('routing-rules')
  })
  it('flattens a group with one item (the agent sees 待回访 at the top level)', () => {
    expect(menuForRole('Agent').some(isMenuGroup)).toBe(false)
  })
  it('every menu title exists in the locale and every role has a landing page in its menu', () => {
    const lookup = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], zhCN)
    for (const role of ROLES) {
      for (const e of menuForRole(role)) {
        expect(typeof lookup(e.titleKey)).toBe('string')
        if (isMenuGroup(e)) for (const c of e.children) expect(typeof lookup(c.titleKey)).toBe('string')
      }
      expect(menuRouteNames(role)).toContain(homeRouteName(role))
    }
    expect(homeRouteName('Dispatcher')).toBe('center-dispatch')
    expect(homeRouteName('Agent')).toBe('intake')
    expect(homeRouteName('Liaison')).toBe('inbox')
  })
})
