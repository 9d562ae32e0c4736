import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  {
    path: 'admin/departments',
    name: 'admin-departments',
    component: () => import('@/views/admin/departments.vue'),
    meta: { titleKey: 'menu.adminDepartments', roles: ['Admin'], menu: true, group: 'admin', icon: 'OfficeBuilding' },
  },
  {
    path: 'admin/areas',
    name: 'admin-areas',
    component: () => import('@/views/admin/areas.vue'),
    meta: { titleKey: 'menu.adminAreas', roles: ['Admin'], menu: true, group: 'admin', icon: 'Location' },
  },
  {
    path: 'admin/categories',
    name: 'admin-categories',
    component: () => import('@/views/admin/categories.vue'),
    meta: { titleKey: 'menu.adminCategories', roles: ['Admin'], menu: true, group: 'admin', icon: 'Menu' },
  },
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('@/views/admin/users.vue'),
    meta: { titleKey: 'menu.adminUsers', roles: ['Admin'], menu: true, group: 'admin', icon: 'User' },
  },
]
export default routes
