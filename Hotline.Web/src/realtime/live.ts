import { shallowRef, readonly, onScopeDispose, getCurrentScope } from 'vue'
import { HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr'
import type { EscalationView, TicketAction, TicketStatus } from '@/types'

/** The one client method /hubs/live calls: a feed read's messages for one of the connection's groups, in feed order. */
export const LIVE_METHOD = 'Messages'

/** The message types /hubs/live pushes (docs/API.md, "Live updates"). */
export const LIVE_TYPES = [
  'TicketChanged',
  'Urged',
  'EscalationRaised',
  'EscalationCleared',
  'EscalationAcknowledged',
  'IncomingCall',
] as const
export type LiveType = (typeof LIVE_TYPES)[number]

export interface LiveMessage {
  seq: number
  type: LiveType
  occurredUtc: string
  ticketId: number | null
  ticketNumber: string | null
  ticketTitle: string | null
  ticketStatus: TicketStatus | null
  action: TicketAction | null
  actorName: string | null
  departmentId: number | null
  departmentName: string | null
  reason: string | null
  escalation: EscalationView | null
  call: { callerPhone: string; callId: string; agentUserId: number } | null
}

/**
 * What the hub sends: a property that would be null is left out (docs/API.md, "Live updates"), in the message and in
 * its `escalation`; a server that still sends nulls is read the same way. {@link normaliseLiveMessage} turns it into a
 * {@link LiveMessage}, where every such property is present and null, so pages keep their `=== null` checks.
 */
export type LiveWireMessage = Omissible<Omit<LiveMessage, 'escalation'>> & { escalation?: LiveWireEscalation | null }

/**
 * An escalation as the hub sends it: without what its message already says. The ticket's id, number, title and status
 * and the department's id and name are the message's; `raisedUtc` absent is the message's `occurredUtc` (every
 * EscalationRaised and Urged). Only a window case's escalation, whose message has no ticket, carries `ticketNumber` and
 * `ticketTitle` (the case's). An older server that sends the full {@link EscalationView} is read the same way.
 */
export type LiveWireEscalation = Omissible<Omit<EscalationView, 'ticketNumber' | 'ticketTitle' | 'raisedUtc'>> & {
  ticketNumber?: string | null
  ticketTitle?: string | null
  raisedUtc?: string | null
}

/** The nullable properties of T may be absent. */
type Omissible<T> = { [K in keyof T as null extends T[K] ? K : never]?: T[K] } & { [K in keyof T as null extends T[K] ? never : K]: T[K] }

export interface LiveCatchUp {
  messages: LiveWireMessage[]
  lastSeq: number
  reload: boolean
}

/**
 * The one entry point of messages into the app: absent properties become null, here and in the escalation, and the
 * escalation gets back what the hub left to its message (its ticket, department and, when absent, `raisedUtc`).
 */
export function normaliseLiveMessage(m: LiveWireMessage): LiveMessage {
  const e = m.escalation
  const ticketId = m.ticketId ?? null
  const ticketNumber = m.ticketNumber ?? null
  const ticketTitle = m.ticketTitle ?? null
  const ticketStatus = m.ticketStatus ?? null
  const departmentId = m.departmentId ?? null
  const departmentName = m.departmentName ?? null
  return {
    seq: m.seq,
    type: m.type,
    occurredUtc: m.occurredUtc,
    ticketId,
    ticketNumber,
    ticketTitle,
    ticketStatus,
    action: m.action ?? null,
    actorName: m.actorName ?? null,
    departmentId,
    departmentName,
    reason: m.reason ?? null,
    escalation: e
      ? {
          id: e.id,
          ticketId: e.ticketId ?? ticketId,
          ticketNumber: e.ticketNumber ?? ticketNumber ?? '',
          ticketTitle: e.ticketTitle ?? ticketTitle ?? '',
          ticketStatus: e.ticketStatus ?? ticketStatus,
          windowCaseId: e.windowCaseId ?? null,
          windowCaseNumber: e.windowCaseNumber ?? null,
          windowCaseStatus: e.windowCaseStatus ?? null,
          kind: e.kind,
          level: e.level,
          departmentId: e.departmentId ?? departmentId,
          departmentName: e.departmentName ?? departmentName,
          dueUtc: e.dueUtc,
          raisedUtc: e.raisedUtc ?? m.occurredUtc,
          acknowledgedByUserId: e.acknowledgedByUserId ?? null,
          acknowledgedByName: e.acknowledgedByName ?? null,
          acknowledgedUtc: e.acknowledgedUtc ?? null,
          clearedUtc: e.clearedUtc ?? null,
        }
      : null,
    call: m.call ?? null,
  }
}

/** disconnected: not started (signed out); down: lost and retrying. */
export type LiveState = 'disconnected' | 'connecting' | 'connected' | 'down'

/**
 * Hands each feed position out once: a message can arrive live and again in the catch-up after a reconnect.
 * Remembers a window of recent positions rather than only the highest, because catch-up can bring older ones.
 */
export class SeqTracker {
  last = 0
  private readonly seen = new Set<number>()

  /** @param floor everything at or below it counts as handled (after a reload). */
  constructor(
    private readonly window = 5000,
    private readonly floor = 0,
  ) {
    this.last = floor
  }

  accept(seq: number): boolean {
    if (seq <= this.floor || this.seen.has(seq) || seq <= this.last - this.window) return false
    this.seen.add(seq)
    if (seq > this.last) this.last = seq
    if (this.seen.size > this.window) {
      for (const s of this.seen) if (s <= this.last - this.window) this.seen.delete(s)
    }
    return true
  }
}

type Handler = (m: LiveMessage) => void

/** What the live client needs of a SignalR connection (a fake in tests). */
export interface LiveConnection {
  on(method: typeof LIVE_METHOD, handler: (messages: LiveWireMessage[]) => void): void
  invoke<T>(method: string, ...args: unknown[]): Promise<T>
  start(): Promise<void>
  stop(): Promise<void>
  onreconnecting(cb: () => void): void
  onreconnected(cb: () => void): void
  onclose(cb: () => void): void
}

/** Retry forever, backing off to 30 s: a supervisor's board must come back by itself. */
export const retryDelayMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5))

export function signalrConnection(url = '/hubs/live'): LiveConnection {
  const c: HubConnection = new HubConnectionBuilder()
    .withUrl(url)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => retryDelayMs(ctx.previousRetryCount) })
    .configureLogging(LogLevel.Warning)
    .build()
  return {
    on: (m, h) => c.on(m, h),
    invoke: (m, ...a) => c.invoke(m, ...a),
    start: () => c.start(),
    stop: () => c.stop(),
    onreconnecting: (cb) => c.onreconnecting(cb),
    onreconnected: (cb) => c.onreconnected(cb),
    onclose: (cb) => c.onclose(cb),
  }
}

/**
 * The one live link of the signed-in screen: connects, dispatches each message once to the pages listening, and
 * after a reconnect asks for what it missed; when that was too much, pages are told to reload ('reload').
 */
export class LiveClient {
  readonly state = shallowRef<LiveState>('disconnected')
  private readonly handlers = new Map<LiveType | 'reload', Set<Handler | (() => void)>>()
  private tracker = new SeqTracker()
  private connection: LiveConnection | null = null
  private retry: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly connect: () => LiveConnection = signalrConnection) {}

  on(type: LiveType, handler: Handler): () => void
  on(type: 'reload', handler: () => void): () => void
  on(type: LiveType | 'reload', handler: Handler | (() => void)): () => void {
    let set = this.handlers.get(type)
    if (!set) this.handlers.set(type, (set = new Set()))
    set.add(handler)
    return () => set.delete(handler)
  }

  async start(): Promise<void> {
    if (this.connection) return
    const c = this.connect()
    this.connection = c
    this.tracker = new SeqTracker()
    // Several messages per invocation: each goes through the dedupe and to its type's listeners, in the order sent.
    c.on(LIVE_METHOD, (messages) => {
      for (const m of messages) this.deliver(normaliseLiveMessage(m))
    })
    c.onreconnecting(() => (this.state.value = 'down'))
    c.onreconnected(() => void this.catchUp())
    c.onclose(() => {
      if (this.connection === c) this.state.value = 'down'
    })
    await this.open(c, 0)
  }

  async stop(): Promise<void> {
    const c = this.connection
    this.connection = null
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
    this.state.value = 'disconnected'
    await c?.stop().catch(() => undefined)
  }

  /** Delivers a message unless it was already delivered; exposed for the catch-up path and tests. */
  deliver(m: LiveMessage): void {
    if (!this.tracker.accept(m.seq)) return
    for (const h of this.handlers.get(m.type) ?? []) (h as Handler)(m)
  }

  private async open(c: LiveConnection, attempt: number): Promise<void> {
    this.state.value = attempt === 0 ? 'connecting' : 'down'
    try {
      await c.start()
      if (this.connection !== c) return
      this.state.value = 'connected'
      if (attempt > 0) await this.catchUp()
    } catch {
      if (this.connection !== c) return
      this.state.value = 'down'
      this.retry = setTimeout(() => void this.open(c, attempt + 1), retryDelayMs(attempt))
    }
  }

  private async catchUp(): Promise<void> {
    const c = this.connection
    if (!c) return
    this.state.value = 'connected'
    if (this.tracker.last === 0) return
    try {
      const r = await c.invoke<LiveCatchUp>('CatchUp', this.tracker.last)
      if (r.reload) {
        this.tracker = new SeqTracker(undefined, r.lastSeq)
        for (const h of this.handlers.get('reload') ?? []) (h as () => void)()
        return
      }
      for (const m of r.messages) this.deliver(normaliseLiveMessage(m))
    } catch {
      // the link dropped again: the next reconnect asks again
    }
  }
}

/** The app's live link (started by the layout once signed in). */
export const live = new LiveClient()

/** The link's state, for the header's indicator. */
export const liveState = readonly(live.state)

/** Listens for a message type while the calling component lives. */
export function useLive(type: LiveType, handler: Handler): void
export function useLive(type: 'reload', handler: () => void): void
export function useLive(type: LiveType | 'reload', handler: Handler | (() => void)): void {
  const off = type === 'reload' ? live.on('reload', handler as () => void) : live.on(type, handler as Handler)
  if (getCurrentScope()) onScopeDispose(off)
}

/**
 * Calls `refresh` once, shortly after a burst of the given messages (and after a 'reload'), while the calling
 * component lives: forty escalations raised by one sweep make one reload of the board, not forty.
 */
export function useLiveRefresh(types: readonly LiveType[], refresh: (messages: LiveMessage[]) => void, delayMs = 300): void {
  let pending: LiveMessage[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    const batch = pending
    pending = []
    timer = undefined
    refresh(batch)
  }
  const schedule = () => {
    timer ??= setTimeout(flush, delayMs)
  }
  for (const type of types) {
    useLive(type, (m) => {
      pending.push(m)
      schedule()
    })
  }
  useLive('reload', schedule)
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer))
}
