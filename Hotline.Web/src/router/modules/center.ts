import type { RouteRecordRaw } from 'vue-router'

const queue = () => import('@/views/center/queue.vue')

const routes: RouteRecordRaw[] = [
  {
    path: 'center/dispatch',
    name: 'center-dispatch',
    component: queue,
    meta: { titleKey: 'menu.centerDispatch', roles: ['Dispatcher'], menu: true, group: 'center', icon: 'Promotion', queueStatus: 'PendingDispatch' },
  },
  {
    path: 'center/returns',
    name: 'center-returns',
    component: queue,
    meta: { titleKey: 'menu.centerReturns', roles: ['Dispatcher'], menu: true, group: 'center', icon: 'Back', queueStatus: 'ReturnRequested' },
  },
  {
    path: 'center/review',
    name: 'center-review',
    component: queue,
    meta: { titleKey: 'menu.centerReview', roles: ['Dispatcher'], menu: true, group: 'center', icon: 'Checked', queueStatus: 'PendingReview' },
  },
  {
    path: 'center/visit',
    name: 'center-visit',
    component: queue,
    meta: { titleKey: 'menu.centerVisit', roles: ['Agent', 'Dispatcher'], menu: true, group: 'center', icon: 'ChatDotRound', queueStatus: 'PendingVisit' },
  },
]
export default routes
