import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'intake',
    name: 'intake',
    component: () => import('@/views/intake/index.vue'),
    meta: { titleKey: 'menu.intake', roles: ['Agent', 'Dispatcher'], menu: true, icon: 'Phone' },
  },
]
export default routes
