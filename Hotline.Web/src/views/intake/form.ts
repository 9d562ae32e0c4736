import type { AnswerDirectly, AppealType, Channel, DispatchInput, RegisterTicket, Urgency } from '@/types'

export const LIMITS = { title: 100, content: 4000, address: 200, callerName: 50 } as const
export const INTAKE_DRAFT_KEY = 'hotline.intake.draft'

export interface IntakeForm {
  channel: Channel
  callerPhone: string
  callerName: string
  appealType: AppealType
  urgency: Urgency
  categoryId: number | null
  areaId: number | null
  address: string
  title: string
  content: string
  isConfidential: boolean
  callId: string
}

export function emptyIntakeForm(): IntakeForm {
  return {
    channel: 'Phone',
    callerPhone: '',
    callerName: '',
    appealType: 'Consultation',
    urgency: 'Normal',
    categoryId: null,
    areaId: null,
    address: '',
    title: '',
    content: '',
    isConfidential: false,
    callId: '',
  }
}

/** The form fields the server may name in a 400 (for useFormErrors). */
export const INTAKE_FIELDS = [
  'channel',
  'callerPhone',
  'callerName',
  'appealType',
  'urgency',
  'categoryId',
  'areaId',
  'address',
  'title',
  'content',
  'isConfidential',
  'callId',
  'answer',
  'dispatch',
  'dispatch.leadDepartmentId',
  'dispatch.assistDepartmentIds',
  'dispatch.note',
] as const

const opt = (s: string): string | undefined => {
  const v = s.trim()
  return v ? v : undefined
}

/** POST /api/tickets body; with `dispatch` for "登记并派单". */
export function buildRegisterPayload(form: IntakeForm, dispatch?: DispatchInput): RegisterTicket {
  const body: RegisterTicket = {
    channel: form.channel,
    callerPhone: opt(form.callerPhone),
    callerName: opt(form.callerName),
    appealType: form.appealType,
    urgency: form.urgency,
    categoryId: form.categoryId ?? 0,
    areaId: form.areaId ?? undefined,
    address: opt(form.address),
    title: form.title.trim(),
    content: form.content.trim(),
    isConfidential: form.isConfidential,
    callId: opt(form.callId),
  }
  if (dispatch) {
    body.dispatch = {
      leadDepartmentId: dispatch.leadDepartmentId,
      assistDepartmentIds: dispatch.assistDepartmentIds.filter((id) => id !== dispatch.leadDepartmentId),
      note: dispatch.note?.trim() || undefined,
    }
  }
  return body
}

/** POST /api/tickets/answer-directly body: the register body without dispatch, plus the answer. */
export function buildAnswerPayload(form: IntakeForm, answer: string): AnswerDirectly {
  const { dispatch: _ignored, ...rest } = buildRegisterPayload(form)
  return { ...rest, answer: answer.trim() }
}

/** Restores a saved draft onto a fresh form, taking only known fields of the right type. */
export function mergeDraft(draft: Partial<IntakeForm> | undefined): IntakeForm {
  const form = emptyIntakeForm()
  if (!draft) return form
  for (const key of Object.keys(form) as (keyof IntakeForm)[]) {
    const v = draft[key]
    const base = form[key]
    if (v === undefined) continue
    if (base === null ? typeof v === 'number' || v === null : typeof v === typeof base) {
      ;(form as unknown as Record<string, unknown>)[key] = v
    }
  }
  return form
}

export function isDraftEmpty(form: IntakeForm): boolean {
  const e = emptyIntakeForm()
  const blank = (v: unknown) => (v === undefined || v === '' ? null : v)
  return (Object.keys(e) as (keyof IntakeForm)[]).every(
    (k) => k === 'channel' || k === 'appealType' || k === 'urgency' || blank(form[k]) === blank(e[k]),
  )
}
