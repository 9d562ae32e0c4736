import type { RouteRecordRaw } from 'vue-router'

/** 责任清单: administrators edit and publish; the center reads it and uses the test box. */
const routes: RouteRecordRaw[] = [
  {
    path: 'routing',
    name: 'routing-rules',
    component: () => import('@/views/routing/index.vue'),
    meta: { titleKey: 'menu.routing', roles: ['Admin', 'Dispatcher'], menu: true, group: 'admin', icon: 'List' },
  },
]
export default routes
