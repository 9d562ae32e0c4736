import type { RouteRecordRaw } from 'vue-router'
import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** For the window case list: only the cases the signed-in window staff member registered (我的案件). */
    windowMine?: boolean
  }
}

// The "办不成事" window (issue 8): intake, my cases, case detail with the log, the ledger, the figures.
const routes: RouteRecordRaw[] = [
  {
    path: 'window/intake',
    name: 'window-intake',
    component: () => import('@/views/window/intake.vue'),
    meta: { titleKey: 'window.menu.intake', roles: ['WindowStaff'], menu: true, icon: 'Promotion' },
  },
  {
    path: 'window/cases',
    name: 'window-cases',
    component: () => import('@/views/window/list.vue'),
    meta: { titleKey: 'window.menu.cases', roles: ['WindowStaff'], menu: true, icon: 'List', windowMine: true },
  },
  {
    path: 'window/ledger',
    name: 'window-ledger',
    component: () => import('@/views/window/list.vue'),
    meta: { titleKey: 'window.menu.ledger', roles: ['WindowStaff', 'Supervisor'], menu: true, icon: 'Tickets' },
  },
  {
    path: 'window/figures',
    name: 'window-figures',
    component: () => import('@/views/window/figures.vue'),
    meta: { titleKey: 'window.menu.figures', roles: ['WindowStaff', 'Supervisor'], menu: true, icon: 'Menu' },
  },
  {
    path: 'window/cases/:id(\\d+)',
    name: 'window-case',
    component: () => import('@/views/window/detail.vue'),
    meta: { titleKey: 'window.menu.cases', roles: ['WindowStaff', 'Supervisor', 'Dispatcher', 'Admin'] },
  },
]
export default routes
