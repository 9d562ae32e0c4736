import { ref, shallowRef } from 'vue'
import { isApiError } from '@/api/http'

/**
 * A page's loading state. `run` fetches and hands the result to `apply` only if no newer run started meanwhile, so a
 * slow answer to an old filter never overwrites a newer one. The error is kept for the page to show, except a 401:
 * the client is already on its way to the sign-in page.
 */
export function useLoading() {
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0

  async function run<T>(fetch: () => Promise<T>, apply: (result: T) => void): Promise<void> {
    const mine = ++latest
    loading.value = true
    error.value = null
    try {
      const result = await fetch()
      if (mine === latest) apply(result)
    } catch (e) {
      if (mine === latest && !(isApiError(e) && e.status === 401)) error.value = e
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  return { loading, error, run }
}
