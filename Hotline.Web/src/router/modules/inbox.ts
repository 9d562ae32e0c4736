import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'inbox',
    name: 'inbox',
    component: () => import('@/views/inbox/index.vue'),
    meta: { titleKey: 'menu.inbox', roles: ['Liaison'], menu: true, icon: 'Bell' },
  },
]
export default routes
