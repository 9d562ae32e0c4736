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
const raised: LiveWireMessage = {
  seq: 42,
  type: 'EscalationRaised',
  occurredUtc: '2026-12-07T02:24:00Z',
  ticketId: 7,
  ticketNumber: '20261207-00007',
  ticketTitle: '燃气泄漏',
  ticketStatus: 'PendingSign',
  departmentId: 2,
  departmentName: '区城管局',
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
    raisedUtc: '2026-12-07T02:24:00.0153Z',
  },
}
/** A window case's escalation: no ticket, no ticket status, the case's number. */
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
    raisedUtc: '2026-12-07T03:00:00Z',
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
        ...raised.escalation,
        windowCaseId: null,
        windowCaseNumber: null,
        windowCaseStatus: null,
        acknowledgedByUserId: null,
        acknowledgedByName: null,
        acknowledgedUtc: null,
        clearedUtc: null,
      },
    })
  })

  it('leaves no property undefined, so a page checking === null behaves as before', () => {
    for (const wire of [dispatched, raised, windowRaised, call]) {
      const m = normaliseLiveMessage(wire)
      const keys: (keyof LiveMessage)[] = ['ticketId', 'ticketNumber', 'ticketTitle', 'ticketStatus', 'action', 'actorName', 'departmentId', 'departmentName', 'reason', 'escalation', 'call']
      for (const k of keys) expect(m[k], `${wire.type} ${k}`).not.toBeUndefined()
      for (const v of Object.values(m.escalation ?? {})) expect(v).not.toBeUndefined()
    }
    const w = normaliseLiveMessage(windowRaised)
    expect(w.ticketId).toBeNull() // the inbox skips messages without a ticket by ticketId === null
    expect(w.escalation?.ticketId).toBeNull()
    expect(w.escalation?.windowCaseId).toBe(3)
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
