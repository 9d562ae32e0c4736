import { shallowRef } from 'vue'
import { policiesApi } from '@/api/deadlines'
import type { DeadlinePolicy } from '@/types'

// The policies change rarely: one copy per page load, reloaded by the policy administration after a save.
const policies = shallowRef<DeadlinePolicy[]>([])
let pending: Promise<void> | undefined
let loaded = false

async function load(force = false): Promise<void> {
  if (loaded && !force) return
  if (pending && !force) return pending
  pending = (async () => {
    try {
      policies.value = await policiesApi.list()
      loaded = true
    } finally {
      pending = undefined
    }
  })()
  return pending
}

export function usePolicies() {
  return { policies, ensure: () => load(), reload: () => load(true), byId: (id: number | null | undefined) => policies.value.find((p) => p.id === id) ?? null }
}
