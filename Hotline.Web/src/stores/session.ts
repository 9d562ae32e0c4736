import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi } from '@/api/auth'
import { isApiError } from '@/api/http'
import type { LoginRequest, Me, Role } from '@/types'

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  /** True once we asked the server who we are (whatever the answer). */
  const probed = ref(false)

  const role = computed<Role | null>(() => me.value?.role ?? null)
  const signedIn = computed(() => me.value !== null)

  async function login(body: LoginRequest): Promise<Me> {
    const result = await authApi.login(body)
    me.value = result
    probed.value = true
    // The login response sets the XSRF-TOKEN cookie; GET /me refreshes it should the server rotate it.
    return result
  }

  /** Asks the server for the current user; null when not signed in. Network errors propagate. */
  async function fetchMe(): Promise<Me | null> {
    try {
      me.value = await authApi.me()
    } catch (e) {
      if (isApiError(e) && e.status === 401) me.value = null
      else throw e
    } finally {
      probed.value = true
    }
    return me.value
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  function clear(): void {
    me.value = null
    probed.value = true
  }

  function hasRole(roles: readonly Role[] | undefined): boolean {
    if (!roles || roles.length === 0) return true
    return role.value !== null && roles.includes(role.value)
  }

  return { me, probed, role, signedIn, login, fetchMe, logout, clear, hasRole }
})
