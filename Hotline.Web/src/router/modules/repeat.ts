import type { RouteRecordRaw } from 'vue-router'

// Repeat complaints (issue 7): the supervisors' board of repeat clusters and a cluster's detail.
const routes: RouteRecordRaw[] = [
  {
    path: 'repeat',
    name: 'repeat-board',
    component: () => import('@/views/repeat/index.vue'),
    meta: { titleKey: 'menu.repeatBoard', roles: ['Supervisor', 'Dispatcher'], menu: true, icon: 'Bell' },
  },
  {
    path: 'repeat/clusters/:id(\\d+)',
    name: 'repeat-cluster',
    component: () => import('@/views/repeat/cluster.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { titleKey: 'menu.repeatCluster', roles: ['Supervisor', 'Dispatcher', 'Agent'] },
  },
]
export default routes
