import { describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { LiveClient, SeqTracker, live, retryDelayMs, useLiveRefresh, type LiveCatchUp, type LiveConnection, type LiveMessage } from '@/realtime/live'

const msg = (seq: number, type: LiveMessage['type'] = 'TicketChanged'): LiveMessage => ({
  seq,
  type,
  occurredUtc: '2026-12-07T02:00:00Z',
  ticketId: 1,
  ticketNumber: '20261207-00001',
  ticketTitle: '燃气泄漏',
  ticketStatus: 'PendingSign',
  action: 'Dispatch',
  actorName: '李强',
  departmentId: 2,
  departmentName: '区城管局',
  reason: null,
  escalation: null,
  call: null,
})

/** A connection the test drives: pushes messages, drops and restores the link. */
class FakeConnection implements LiveConnection {
  handlers = new Map<string, (messages: LiveMessage[]) => void>()
  reconnecting: () => void = () => undefined
  reconnected: () => void = () => undefined
  closed: () => void = () => undefined
  catchUp: LiveCatchUp = { messages: [], lastSeq: 0, reload: false }
  invoked: unknown[][] = []
  failStarts = 0
  on(method: string, handler: (messages: LiveMessage[]) => void) {
    this.handlers.set(method, handler)
  }
  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.invoked.push([method, ...args])
    return this.catchUp as T
  }
  async start() {
    if (this.failStarts-- > 0) throw new Error('refused')
  }
  async stop() {}
  onreconnecting(cb: () => void) {
    this.reconnecting = cb
  }
  onreconnected(cb: () => void) {
    this.reconnected = cb
  }
  onclose(cb: () => void) {
    this.closed = cb
  }
  /** One invocation of the hub's one client method, with one message or several. */
  push(...messages: LiveMessage[]) {
    this.handlers.get('Messages')?.(messages)
  }
}

describe('SeqTracker', () => {
  it('accepts each position once, older ones too', () => {
    const t = new SeqTracker()
    expect([5, 6, 6, 4, 5].map((s) => t.accept(s))).toEqual([true, true, false, true, false])
    expect(t.last).toBe(6)
  })

  it('forgets positions that fell out of its window', () => {
    const t = new SeqTracker(3)
    for (const s of [1, 2, 3, 4, 5]) t.accept(s)
    expect(t.accept(1)).toBe(false) // too old to be new
    expect(t.accept(3)).toBe(false)
    expect(t.accept(6)).toBe(true)
  })
})

describe('LiveClient', () => {
  it('dispatches each message once to the listeners of its type', async () => {
    const c = new FakeConnection()
    const live = new LiveClient(() => c)
    const changed = vi.fn()
    const raised = vi.fn()
    live.on('TicketChanged', changed)
    const off = live.on('EscalationRaised', raised)
    await live.start()
    expect(live.state.value).toBe('connected')
    c.push(msg(1))
    c.push(msg(1))
    c.push(msg(2, 'EscalationRaised'))
    off()
    c.push(msg(3, 'EscalationRaised'))
    expect(changed).toHaveBeenCalledTimes(1)
    expect(raised.mock.calls.map(([m]) => m.seq)).toEqual([2])
  })

  it('shows the link down while reconnecting and catches up from the last position, without repeats', async () => {
    const c = new FakeConnection()
    const live = new LiveClient(() => c)
    const seen: number[] = []
    live.on('TicketChanged', (m) => seen.push(m.seq))
    await live.start()
    c.push(msg(10))
    c.reconnecting()
    expect(live.state.value).toBe('down')
    c.push(msg(13)) // arrived live right after the reconnect, before the catch-up answer
    c.catchUp = { messages: [msg(11), msg(12), msg(13)], lastSeq: 13, reload: false }
    c.reconnected()
    await vi.waitFor(() => expect(seen).toEqual([10, 13, 11, 12]))
    expect(c.invoked).toEqual([['CatchUp', 13]])
    expect(live.state.value).toBe('connected')
  })

  it('delivers the messages of one invocation in order, each to its type, once, also against the catch-up', async () => {
    const c = new FakeConnection()
    const live = new LiveClient(() => c)
    const seen: string[] = []
    live.on('EscalationRaised', (m) => seen.push(`raised ${m.seq}`))
    live.on('TicketChanged', (m) => seen.push(`changed ${m.seq}`))
    live.on('IncomingCall', (m) => seen.push(`call ${m.seq}`))
    await live.start()
    expect([...c.handlers.keys()]).toEqual(['Messages'])
    c.push(msg(20, 'EscalationRaised'), msg(21, 'EscalationRaised'), msg(22, 'TicketChanged'), msg(23, 'EscalationRaised'))
    expect(seen).toEqual(['raised 20', 'raised 21', 'changed 22', 'raised 23'])

    // The link drops and comes back; the catch-up is asked from 23, and a burst arrives live before its answer, which
    // repeats part of it.
    c.reconnecting()
    c.catchUp = { messages: [msg(24), msg(25, 'IncomingCall'), msg(26, 'EscalationRaised'), msg(27)], lastSeq: 27, reload: false }
    c.reconnected()
    expect(c.invoked).toEqual([['CatchUp', 23]])
    c.push(msg(26, 'EscalationRaised'), msg(27, 'TicketChanged'))
    c.push(msg(25, 'IncomingCall')) // another of the connection's groups, from the same read
    await vi.waitFor(() => expect(seen).toContain('changed 24'))
    c.push(msg(27), msg(28, 'EscalationRaised')) // a repeat inside an invocation is dropped, the rest delivered
    expect(seen).toEqual([
      'raised 20',
      'raised 21',
      'changed 22',
      'raised 23',
      'raised 26',
      'changed 27',
      'call 25',
      'changed 24',
      'raised 28',
    ])
  })

  it('tells the pages to reload when too much was missed', async () => {
    const c = new FakeConnection()
    const live = new LiveClient(() => c)
    const reload = vi.fn()
    live.on('reload', reload)
    await live.start()
    c.push(msg(10))
    c.catchUp = { messages: [], lastSeq: 5000, reload: true }
    c.reconnected()
    await vi.waitFor(() => expect(reload).toHaveBeenCalledOnce())
    const seen = vi.fn()
    live.on('TicketChanged', seen)
    c.push(msg(4000))
    c.push(msg(5001))
    expect(seen.mock.calls.map(([m]) => m.seq)).toEqual([5001])
  })

  it('keeps trying when the first connection fails, backing off to 30 s', async () => {
    vi.useFakeTimers()
    try {
      const c = new FakeConnection()
      c.failStarts = 2
      const live = new LiveClient(() => c)
      await live.start()
      expect(live.state.value).toBe('down')
      await vi.advanceTimersByTimeAsync(retryDelayMs(0))
      expect(live.state.value).toBe('down')
      await vi.advanceTimersByTimeAsync(retryDelayMs(1))
      expect(live.state.value).toBe('connected')
      expect([0, 1, 2, 5, 9].map(retryDelayMs)).toEqual([1000, 2000, 4000, 30000, 30000])
      await live.stop()
      expect(live.state.value).toBe('disconnected')
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('useLiveRefresh', () => {
  it('refreshes once after a burst, with the burst, and stops when its component goes', async () => {
    vi.useFakeTimers()
    try {
      const scope = effectScope()
      const refresh = vi.fn()
      scope.run(() => useLiveRefresh(['EscalationRaised'], refresh))
      live.deliver(msg(101, 'EscalationRaised'))
      live.deliver(msg(102, 'EscalationRaised'))
      live.deliver(msg(103, 'TicketChanged')) // not listened to
      expect(refresh).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(300)
      expect(refresh).toHaveBeenCalledOnce()
      expect(refresh.mock.calls[0]![0].map((m: LiveMessage) => m.seq)).toEqual([101, 102])
      scope.stop()
      live.deliver(msg(104, 'EscalationRaised'))
      await vi.advanceTimersByTimeAsync(300)
      expect(refresh).toHaveBeenCalledOnce()
    } finally {
      vi.useRealTimers()
    }
  })
})
