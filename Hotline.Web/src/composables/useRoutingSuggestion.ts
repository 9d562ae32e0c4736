import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch, type WatchSource } from 'vue'
import { routingApi } from '@/api/routing'
import { isApiError } from '@/api/http'
import type { RoutingDecision, RoutingInput } from '@/types'

export type SuggestionState = 'idle' | 'loading' | 'matched' | 'noRule' | 'error'

/** Worth asking the rules only once the agent has said something: a category, a title or some content. */
export function isWorthAsking(input: RoutingInput): boolean {
  return input.categoryId != null || !!input.title?.trim() || !!input.content?.trim()
}

/** The body sent to POST /api/routing/decide: empty values left out, text trimmed. */
export function decideBody(input: RoutingInput): RoutingInput {
  const body: RoutingInput = {}
  if (input.categoryId != null) body.categoryId = input.categoryId
  if (input.areaId != null) body.areaId = input.areaId
  if (input.appealType) body.appealType = input.appealType
  if (input.channel) body.channel = input.channel
  const title = input.title?.trim()
  const content = input.content?.trim()
  if (title) body.title = title
  if (content) body.content = content
  return body
}

export interface RoutingSuggestionOptions {
  /** Debounce, ms (default 300). */
  delay?: number
  /** Decide by the draft (the administrators' test box). */
  draft?: boolean | (() => boolean)
}

/**
 * The routing suggestion of the intake console: asks POST /api/routing/decide while the agent types (debounced),
 * aborts the request a newer input makes stale and ignores its answer if it still arrives.
 */
export function useRoutingSuggestion(source: WatchSource<RoutingInput>, options: RoutingSuggestionOptions = {}) {
  const delay = options.delay ?? 300
  const decision = shallowRef<RoutingDecision | null>(null)
  const error = shallowRef<unknown>(null)
  const loading = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | undefined
  let seq = 0
  let last: RoutingInput | null = null

  const draft = () => (typeof options.draft === 'function' ? options.draft() : options.draft === true)

  async function ask(input: RoutingInput): Promise<void> {
    const mine = ++seq
    controller?.abort()
    const ctrl = new AbortController()
    controller = ctrl
    loading.value = true
    try {
      const result = await routingApi.decide(decideBody(input), draft(), { signal: ctrl.signal })
      if (mine !== seq) return
      decision.value = result
      error.value = null
    } catch (e) {
      if (mine !== seq || ctrl.signal.aborted) return
      if (isApiError(e) && e.status === 401) return
      decision.value = null
      error.value = e
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function cancel(): void {
    clearTimeout(timer)
    timer = undefined
    seq++
    controller?.abort()
    controller = undefined
    loading.value = false
  }

  function schedule(input: RoutingInput): void {
    clearTimeout(timer)
    last = input
    if (!isWorthAsking(input)) {
      cancel()
      decision.value = null
      error.value = null
      return
    }
    // A request still in flight asked about the previous input: abort it, and ignore it should it answer anyway.
    seq++
    controller?.abort()
    loading.value = true
    timer = setTimeout(() => {
      timer = undefined
      void ask(input)
    }, delay)
  }

  /** Ask again now (after an error, or to re-check the same input). */
  function refresh(): Promise<void> | undefined {
    clearTimeout(timer)
    return last && isWorthAsking(last) ? ask(last) : undefined
  }

  watch(source, (input) => schedule({ ...input }), { deep: true, immediate: true })
  if (getCurrentScope()) onScopeDispose(cancel)

  const state = computed<SuggestionState>(() => {
    if (error.value) return 'error'
    if (decision.value) return decision.value.outcome === 'Matched' ? 'matched' : 'noRule'
    return loading.value ? 'loading' : 'idle'
  })

  return { decision, error, loading, state, refresh, cancel }
}
