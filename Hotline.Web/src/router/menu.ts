import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/types'
import type { MenuIcon } from './types'
import intake from './modules/intake'
import inbox from './modules/inbox'
import tickets from './modules/tickets'
import center from './modules/center'
import admin from './modules/admin'
import routing from './modules/routing'
import deadlines from './modules/deadlines'
import window from './modules/window'
import metrics from './modules/metrics'
import repeat from './modules/repeat'

/** The pages inside the layout, in menu order. */
export const appRoutes: RouteRecordRaw[] = [...intake, ...inbox, ...tickets, ...center, ...admin, ...routing, ...deadlines, ...repeat, ...window, ...metrics]

export interface MenuItem {
  name: string
  titleKey: string
  icon?: MenuIcon
}

export interface MenuGroup {
  group: 'center' | 'admin'
  titleKey: string
  icon: MenuIcon
  children: MenuItem[]
}

export type MenuEntry = MenuItem | MenuGroup

export function isMenuGroup(e: MenuEntry): e is MenuGroup {
  return 'children' in e
}

const GROUPS: Record<MenuGroup['group'], { titleKey: string; icon: MenuIcon }> = {
  center: { titleKey: 'menu.center', icon: 'Tickets' },
  admin: { titleKey: 'menu.admin', icon: 'Setting' },
}

export function canOpen(route: RouteRecordRaw, role: Role): boolean {
  const roles = route.meta?.roles
  return !roles || roles.includes(role)
}

/** The left menu for a role: only what it may open; a group with a single item is flattened. */
export function menuForRole(role: Role, routes: readonly RouteRecordRaw[] = appRoutes): MenuEntry[] {
  const entries: MenuEntry[] = []
  const groups = new Map<MenuGroup['group'], MenuGroup>()
  for (const r of routes) {
    if (!r.meta?.menu || typeof r.name !== 'string' || !canOpen(r, role)) continue
    const item: MenuItem = { name: r.name, titleKey: r.meta.titleKey ?? r.name, icon: r.meta.icon }
    const g = r.meta.group
    if (!g) {
      entries.push(item)
      continue
    }
    let group = groups.get(g)
    if (!group) {
      group = { group: g, ...GROUPS[g], children: [] }
      groups.set(g, group)
      entries.push(group)
    }
    group.children.push(item)
  }
  return entries.map((e) => (isMenuGroup(e) && e.children.length === 1 && e.children[0] ? e.children[0] : e))
}

/** Route names in the menu, flattened (for tests and the landing page). */
export function menuRouteNames(role: Role, routes?: readonly RouteRecordRaw[]): string[] {
  return menuForRole(role, routes).flatMap((e) => (isMenuGroup(e) ? e.children.map((c) => c.name) : [e.name]))
}

/** Where a role lands after signing in. */
export function homeRouteName(role: Role): string {
  const preferred: Partial<Record<Role, string>> = { Dispatcher: 'center-dispatch', Supervisor: 'escalations', WindowStaff: 'window-cases' }
  return preferred[role] ?? menuRouteNames(role)[0] ?? 'tickets'
}
