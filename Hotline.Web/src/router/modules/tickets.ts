import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'tickets',
    name: 'tickets',
    component: () => import('@/views/tickets/index.vue'),
    meta: { titleKey: 'menu.tickets', menu: true, icon: 'Search' },
  },
  {
    path: 'tickets/:id(\\d+)',
    name: 'ticket-detail',
    component: () => import('@/views/tickets/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { titleKey: 'menu.tickets' },
  },
]
export default routes
