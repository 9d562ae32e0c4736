import { onBeforeUnmount, onMounted, readonly, ref, type Ref } from 'vue'
import { serverNow } from '@/utils/serverClock'

// One ticking clock for every countdown on the page (a table of 100 rows runs one timer, not 100).
const now = ref(serverNow())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

function start(): void {
  if (users++ === 0) {
    now.value = serverNow()
    timer = setInterval(() => (now.value = serverNow()), 1000)
  }
}

function stop(): void {
  if (--users === 0) {
    clearInterval(timer)
    timer = undefined
  }
}

/** The server's now (ms), updated every second while a component using it is mounted. */
export function useNow(): Readonly<Ref<number>> {
  onMounted(start)
  onBeforeUnmount(stop)
  return readonly(now)
}
