import { describe, expect, it } from 'vitest'
import { LiveClient, normaliseLiveMessage, type LiveConnection, type LiveMessage, type LiveWireMessage } from '@/realtime/live'

/** Messages exactly as the hub now sends them: what is null is left out, in the message and in its escalation. */
const dispatched: LiveWireMessage = {
  seq: 41,
  type: 'TicketChanged',
  occurredUtc: '2026-12-07T02:00:00Z',
  ticketId: 7,
  ticketNumber: '20261207-00007',
  ticketTitle: '燃气泄漏',
  ticketStatus: 'PendingSign',
  action: 'Dispatch',
  actorName: '李强',
  departmentId: 2,
  departmentName: '区城管局',
}
/** An escalation as the hub now sends it: its ticket and department are the message's, its raisedUtc is occurredUtc. */
const raised: LiveWireMessage = {
  seq: 42,
  type: 'EscalationRaised',
  occurredUtc: '2026-12-07T02:24:00.015Z',
  ticketId: 7,
  ticketNumber: '20261207-00007',
  ticketTitle: '燃气泄漏',
  ticketStatus: 'PendingSign',
  departmentId: 2,
  departmentName: '区城管局',
  escalation: { id: 9, kind: 'Sign', level: 'Yellow', dueUtc: '2026-12-07T02:30:00Z' },
}
/** The same escalation as a server before the lean format sent it: everything repeated, and raisedUtc. */
const raisedInFull: LiveWireMessage = {
  ...raised,
  escalation: {
    id: 9,
    ticketId: 7,
    ticketNumber: '20261207-00007',
    ticketTitle: '燃气泄漏',
    ticketStatus: 'PendingSign',
    kind: 'Sign',
    level: 'Yellow',
    departmentId: 2,
    departmentName: '区城管局',
    dueUtc: '2026-12-07T02:30:00Z',
    raisedUtc: '2026-12-07T02:24:00.015Z',
  },
}
/** Its clearing, read in a catch-up: raisedUtc differs from the message's occurredUtc, so it is sent. */
const cleared: LiveWireMessage = {
  ...raised,
  seq: 45,
  type: 'EscalationCleared',
  occurredUtc: '2026-12-07T02:26:00Z',
  ticketStatus: 'InProgress',
  escalation: { id: 9, kind: 'Sign', level: 'Yellow', dueUtc: '2026-12-07T02:30:00Z', raisedUtc: '2026-12-07T02:24:00.015Z', clearedUtc: '2026-12-07T02:26:00Z' },
}
/** A window case's escalation: no ticket, so the escalation carries the case's number and title. */
const windowRaised: LiveWireMessage = {
  seq: 43,
  type: 'EscalationRaised',
  occurredUtc: '2026-12-07T03:00:00Z',
  escalation: {
    id: 10,
    ticketNumber: 'W20261207-0001',
    ticketTitle: '营业执照变更',
    windowCaseId: 3,
    windowCaseNumber: 'W20261207-0001',
    windowCaseStatus: 'InHand',
    kind: 'Window',
    level: 'Red',
    dueUtc: '2026-12-07T03:00:00Z',
  },
}
const call: LiveWireMessage = {
  seq: 44,
  type: 'IncomingCall',
  occurredUtc: '2026-12-07T03:01:00Z',
  call: { callerPhone: '13912345678', callId: 'CALL-1', agentUserId: 5 },
}

describe('normaliseLiveMessage', () => {
  it('gives every property the hub left out as null, keeping what was sent', () => {
    expect(normaliseLiveMessage(dispatched)).toEqual({ ...dispatched, reason: null, escalation: null, call: null })
    const m = normaliseLiveMessage(raised)
    expect(m).toEqual({
      ...raised,
      action: null,
      actorName: null,
      reason: null,
      call: null,
      escalation: {
        id: 9,
        ticketId: 7,
        ticketNumber: '20261207-00007',
        ticketTitle: '燃气泄漏',
        ticketStatus: 'PendingSign',
        windowCaseId: null,
        windowCaseNumber: null,
        windowCaseStatus: null,
        kind: 'Sign',
        level: 'Yellow',
        departmentId: 2,
        departmentName: '区城管局',
        dueUtc: '2026-12-07T02:30:00Z',
        raisedUtc: '2026-12-07T02:24:00.015Z',
        acknowledgedByUserId: null,
        acknowledgedByName: null,
        acknowledgedUtc: null,
        clearedUtc: null,
      },
    })
  })

  it('gives the escalation back its ticket, department and raisedUtc from the message, as the full form had them', () => {
    expect(normaliseLiveMessage(raised)).toEqual(normaliseLiveMessage(raisedInFull))
    const c = normaliseLiveMessage(cleared)
    expect(c.escalation).toMatchObject({ ticketId: 7, ticketStatus: 'InProgress', departmentName: '区城管局' })
    expect(c.escalation?.raisedUtc).toBe('2026-12-07T02:24:00.015Z')
    expect(c.escalation?.clearedUtc).toBe('2026-12-07T02:26:00Z')
    // What the supervisor board's toast shows: number, title, department.
    const e = normaliseLiveMessage(raised).escalation!
    expect(`${e.ticketNumber} ${e.ticketTitle} · ${e.departmentName}`).toBe('20261207-00007 燃气泄漏 · 区城管局')
  })

  it('leaves no property undefined, so a page checking === null behaves as before', () => {
    for (const wire of [dispatched, raised, raisedInFull, cleared, windowRaised, call]) {
      const m = normaliseLiveMessage(wire)
      const keys: (keyof LiveMessage)[] = ['ticketId', 'ticketNumber', 'ticketTitle', 'ticketStatus', 'action', 'actorName', 'departmentId', 'departmentName', 'reason', 'escalation', 'call']
      for (const k of keys) expect(m[k], `${wire.type} ${k}`).not.toBeUndefined()
      for (const v of Object.values(m.escalation ?? {})) expect(v).not.toBeUndefined()
    }
    const w = normaliseLiveMessage(windowRaised)
    expect(w.ticketId).toBeNull() // the inbox skips messages without a ticket by ticketId === null
    expect(w.escalation?.ticketId).toBeNull()
    expect(w.escalation?.windowCaseId).toBe(3)
    expect(w.escalation?.ticketNumber).toBe('W20261207-0001')
    expect(w.escalation?.ticketTitle).toBe('营业执照变更')
    expect(w.escalation?.ticketStatus).toBeNull()
    expect(w.escalation?.raisedUtc).toBe('2026-12-07T03:00:00Z')
    expect(w.escalation?.departmentName).toBeNull()
    expect(normaliseLiveMessage(call)).toMatchObject({ ticketId: null, escalation: null, call: { callId: 'CALL-1' } })
  })

  it('reads a message that still carries nulls (an older server) the same way', () => {
    const withNulls = { ...dispatched, reason: null, escalation: null, call: null }
    expect(normaliseLiveMessage(withNulls)).toEqual(normaliseLiveMessage(dispatched))
  })
})

describe('LiveClient with the lean wire format', () => {
  it('hands pages normalised messages, pushed live and from the catch-up', async () => {
    let push: (messages: LiveWireMessage[]) => void = () => undefined
    let reconnected: () => void = () => undefined
    const c: LiveConnection = {
      on: (_m, h) => (push = h),
      invoke: async <T,>() => ({ messages: [windowRaised], lastSeq: 43, reload: false }) as T,
      start: async () => undefined,
      stop: async () => undefined,
      onreconnecting: () => undefined,
      onreconnected: (cb) => (reconnected = cb),
      onclose: () => undefined,
    }
    const live = new LiveClient(() => c)
    const seen: LiveMessage[] = []
    live.on('TicketChanged', (m) => seen.push(m))
    live.on('EscalationRaised', (m) => seen.push(m))
    await live.start()
    push([dispatched, raised])
    reconnected()
    await new Promise((r) => setTimeout(r, 0))
    expect(seen.map((m) => m.seq)).toEqual([41, 42, 43])
    expect(seen.map((m) => m.reason)).toEqual([null, null, null])
    expect(seen[1]!.escalation?.clearedUtc).toBeNull()
    expect(seen[2]!.ticketId).toBeNull()
  })
})
