import type { RouteRecordRaw } from 'vue-router'

// Performance figures and the monthly bulletin (issue 9). Liaisons see the ranking and their own department's figures.
const routes: RouteRecordRaw[] = [
  {
    path: 'metrics/dashboard',
    name: 'metrics-dashboard',
    component: () => import('@/views/metrics/dashboard.vue'),
    meta: { titleKey: 'metrics.menu.dashboard', roles: ['Supervisor', 'Dispatcher', 'Admin'], menu: true, icon: 'Promotion' },
  },
  {
    path: 'metrics/departments',
    name: 'metrics-departments',
    component: () => import('@/views/metrics/departments.vue'),
    meta: { titleKey: 'metrics.menu.departments', roles: ['Supervisor', 'Dispatcher', 'Admin', 'Liaison'], menu: true, icon: 'List' },
  },
  {
    path: 'metrics/bulletins',
    name: 'metrics-bulletins',
    component: () => import('@/views/metrics/bulletins.vue'),
    meta: { titleKey: 'metrics.menu.bulletins', roles: ['Supervisor', 'Dispatcher', 'Admin', 'Liaison'], menu: true, icon: 'Calendar' },
  },
  {
    path: 'metrics/bulletins/:id(\\d+)',
    name: 'metrics-bulletin',
    component: () => import('@/views/metrics/bulletin.vue'),
    meta: { titleKey: 'metrics.bulletin.title', roles: ['Supervisor', 'Dispatcher', 'Admin', 'Liaison'] },
  },
]
export default routes
