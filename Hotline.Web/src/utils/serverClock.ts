// The server's notion of now. Every API answer carries X-Server-Time (docs/API.md); countdowns use
// Date.now() + offset, so they agree with the deadline sweep even when the PC's clock is off.

export const SERVER_TIME_HEADER = 'X-Server-Time'

let offsetMs = 0

/** Records the server's time told in a response received at `receivedAt` (local ms). */
export function noteServerTime(header: string | null | undefined, receivedAt: number = Date.now()): void {
  if (!header) return
  const server = Date.parse(header)
  if (Number.isNaN(server)) return
  offsetMs = server - receivedAt
}

/** Milliseconds to add to the local clock to get the server's. */
export function serverOffset(): number {
  return offsetMs
}

export function serverNow(localNow: number = Date.now()): number {
  return localNow + offsetMs
}

/** For tests. */
export function resetServerClock(): void {
  offsetMs = 0
}
