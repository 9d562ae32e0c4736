import type { RouteRecordRaw } from 'vue-router'
import 'vue-router'

declare module 'vue-router' {
  interface RouteMeta {
    /** For the center queue view: list only tickets with an extension request waiting (延期审核). */
    pendingExtension?: boolean
  }
}

// Deadlines (issue 5): the center's 延期审核 queue, the supervisors' 督办台, the calendar and the policies.
const routes: RouteRecordRaw[] = [
  {
    path: 'center/extensions',
    name: 'center-extensions',
    component: () => import('@/views/center/queue.vue'),
    meta: { titleKey: 'menu.centerExtensions', roles: ['Dispatcher'], menu: true, group: 'center', icon: 'Timer', queueStatus: 'InProgress', pendingExtension: true },
  },
  {
    path: 'escalations',
    name: 'escalations',
    component: () => import('@/views/escalations/index.vue'),
    meta: { titleKey: 'menu.escalations', roles: ['Supervisor', 'Dispatcher', 'Liaison'], menu: true, icon: 'AlarmClock' },
  },
  {
    path: 'admin/calendar',
    name: 'admin-calendar',
    component: () => import('@/views/admin/calendar.vue'),
    meta: { titleKey: 'menu.adminCalendar', roles: ['Admin'], menu: true, group: 'admin', icon: 'Calendar' },
  },
  {
    path: 'admin/policies',
    name: 'admin-policies',
    component: () => import('@/views/admin/policies.vue'),
    meta: { titleKey: 'menu.adminPolicies', roles: ['Admin'], menu: true, group: 'admin', icon: 'Timer' },
  },
]
export default routes
