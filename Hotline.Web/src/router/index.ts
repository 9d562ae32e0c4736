import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import { onUnauthorized } from '@/api/http'
import { useSessionStore } from '@/stores/session'
import { i18n } from '@/locales'
import { appRoutes, homeRouteName } from './menu'
import './types'

export function createAppRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      {
        path: '/login',
        name: 'login',
        component: () => import('@/views/login/index.vue'),
        meta: { public: true, titleKey: 'login.title' },
      },
      {
        path: '/',
        component: () => import('@/layout/index.vue'),
        children: [
          {
            path: '',
            name: 'home',
            redirect: () => {
              const session = useSessionStore()
              return { name: session.role ? homeRouteName(session.role) : 'tickets' }
            },
          },
          ...appRoutes,
          {
            path: '403',
            name: 'forbidden',
            component: () => import('@/views/error/forbidden.vue'),
            meta: { titleKey: 'error.forbiddenTitle' },
          },
        ],
      },
      {
        path: '/:pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/error/not-found.vue'),
        meta: { public: true, titleKey: 'error.notFoundTitle' },
      },
    ],
  })

  router.beforeEach(async (to: RouteLocationNormalized) => {
    if (to.meta.public) return true
    const session = useSessionStore()
    if (!session.probed) {
      try {
        await session.fetchMe()
      } catch {
        // The server cannot be reached: let the sign-in page say so.
        return { name: 'login', query: { redirect: to.fullPath } }
      }
    }
    if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } }
    if (!session.hasRole(to.meta.roles)) return { name: 'forbidden' }
    return true
  })

  router.afterEach((to) => {
    const t = i18n.global.t
    const title = to.meta.titleKey ? t(to.meta.titleKey) : ''
    document.title = title ? `${title} - ${t('app.name')}` : t('app.name')
  })

  // Any 401 (session expired) returns to the sign-in page, which brings the user back afterwards.
  onUnauthorized(() => {
    const session = useSessionStore()
    session.clear()
    const current = router.currentRoute.value
    if (current.name === 'login') return
    void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  })

  return router
}
