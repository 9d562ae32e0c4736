import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { RoutingDecision, TicketDetail } from '@/types'
import { freshPinia, testRouter } from './helpers'

const api = vi.hoisted(() => ({
  register: vi.fn(),
  answerDirectly: vi.fn(),
  callerHistory: vi.fn(),
}))

vi.mock('@/api/tickets', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/tickets')>()
  return { ...real, ticketsApi: { ...real.ticketsApi, ...api } }
})

const routing = vi.hoisted(() => ({ decide: vi.fn() }))
vi.mock('@/api/routing', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/routing')>()
  return { ...real, routingApi: { ...real.routingApi, ...routing } }
})

// Repeat candidates (issue 7): no real request from a unit test.
const repeat = vi.hoisted(() => ({ candidates: vi.fn(async () => [] as unknown[]) }))
vi.mock('@/api/repeat', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/repeat')>()
  return { ...real, repeatApi: { ...real.repeatApi, ...repeat } }
})

vi.mock('@/api/directory', () => ({
  directoryApi: {
    departments: vi.fn(async () => [
      { id: 10, code: 'D10', name: '城管局', kind: 'Functional', parentId: null, areaId: null, isActive: true },
      { id: 11, code: 'D11', name: '住建局', kind: 'Functional', parentId: null, areaId: null, isActive: true },
    ]),
    areas: vi.fn(async () => [{ id: 1, code: 'A1', name: '城区', level: 'District', parentId: null, isActive: true }]),
    categories: vi.fn(async () => [
      { id: 100, code: 'C1', name: '城市管理', parentId: null, sortOrder: 1, isActive: true },
      { id: 101, code: 'C11', name: '噪音扰民', parentId: 100, sortOrder: 1, isActive: true },
    ]),
  },
}))

import Intake from '@/views/intake/index.vue'
import { buildAnswerPayload, buildRegisterPayload, emptyIntakeForm, INTAKE_DRAFT_KEY, mergeDraft } from '@/views/intake/form'
import { ApiError } from '@/api/http'

type IntakeVm = InstanceType<typeof Intake>

const saved = (over: Partial<TicketDetail> = {}) => ({ id: 77, number: '202611230001', status: 'PendingDispatch', ...over }) as TicketDetail

let wrapper: VueWrapper<IntakeVm> | undefined

async function mountIntake(): Promise<VueWrapper<IntakeVm>> {
  const router = testRouter()
  await router.push('/')
  wrapper = mount(Intake, { global: { plugins: [freshPinia(), router] }, attachTo: document.body }) as VueWrapper<IntakeVm>
  await flushPromises()
  return wrapper
}

async function fillValid(w: VueWrapper<IntakeVm>): Promise<void> {
  await w.get('[data-testid=intake-phone]').setValue('13812345678')
  await w.get('[data-testid=intake-name]').setValue(' 张先生 ')
  w.vm.form.categoryId = 101
  w.vm.form.areaId = 1
  await w.get('[data-testid=intake-address]').setValue('人民路 1 号')
  await w.get('[data-testid=intake-title]').setValue('夜间施工噪音')
  await w.get('[data-testid=intake-content]').setValue('每晚十一点后仍在施工。')
  await flushPromises()
}

const text = (w: VueWrapper<IntakeVm>) => w.text()

const decision = (over: Partial<RoutingDecision> = {}): RoutingDecision => ({
  outcome: 'Matched',
  version: 2,
  draft: false,
  ruleId: 900,
  ruleNo: 5,
  ruleName: '建筑施工噪音',
  leadDepartmentId: 10,
  leadDepartmentName: '城管局',
  assistDepartments: [{ id: 11, name: '住建局' }],
  summary: '按第 5 条“建筑施工噪音”（v2）派城管局主办，住建局协办',
  why: [{ condition: 'Keywords', text: '内容含“施工”' }],
  others: [{ ruleNo: 1, name: '噪音扰民属地处置', leadDepartmentName: null, reason: 'FewerConditions', text: '条件更少' }],
  decidedUtc: '2026-11-23T08:00:00Z',
  autoDispatched: null,
  ...over,
})
/** el-form-item shows its error after a short debounce. */
const settle = async () => {
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

beforeEach(() => {
  sessionStorage.clear()
  api.register.mockReset()
  api.answerDirectly.mockReset()
  api.callerHistory.mockReset()
  api.callerHistory.mockResolvedValue([])
  routing.decide.mockReset()
  routing.decide.mockResolvedValue(decision({ outcome: 'NoRule', ruleNo: null, ruleName: null, leadDepartmentId: null, leadDepartmentName: null, summary: '无匹配规则（no rule），待中心人工派单', why: [] }))
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  vi.useRealTimers()
})

describe('intake payloads', () => {
  it('builds the register body with trimmed optional fields left out', () => {
    const form = { ...emptyIntakeForm(), callerPhone: ' 13812345678 ', callerName: '', categoryId: 5, title: ' t ', content: ' c ' }
    expect(buildRegisterPayload(form)).toEqual({
      channel: 'Phone',
      callerPhone: '13812345678',
      callerName: undefined,
      appealType: 'Consultation',
      urgency: 'Normal',
      categoryId: 5,
      areaId: undefined,
      address: undefined,
      title: 't',
      content: 'c',
      isConfidential: false,
      callId: undefined,
    })
  })
  it('adds dispatch without the lead among the assistants', () => {
    const body = buildRegisterPayload({ ...emptyIntakeForm(), categoryId: 5 }, { leadDepartmentId: 3, assistDepartmentIds: [3, 4], note: ' ' })
    expect(body.dispatch).toEqual({ leadDepartmentId: 3, assistDepartmentIds: [4], note: undefined })
  })
  it('answer-directly has no dispatch and carries the answer', () => {
    const body = buildAnswerPayload({ ...emptyIntakeForm(), categoryId: 5 }, ' 已告知办理地点 ')
    expect(body).not.toHaveProperty('dispatch')
    expect(body.answer).toBe('已告知办理地点')
  })
  it('restores only well-typed draft fields', () => {
    const f = mergeDraft({ title: 'x', categoryId: 'bad' as unknown as number, urgency: 'Urgent' })
    expect(f.title).toBe('x')
    expect(f.categoryId).toBeNull()
    expect(f.urgency).toBe('Urgent')
  })
})

describe('intake form', () => {
  it('rejects a malformed phone number and does not submit', async () => {
    const w = await mountIntake()
    await fillValid(w)
    await w.get('[data-testid=intake-phone]').setValue('12345')
    await w.vm.register()
    await settle()
    expect(api.register).not.toHaveBeenCalled()
    expect(text(w)).toContain('号码格式不正确')
  })

  it('requires phone (for the phone channel), category, title and content', async () => {
    const w = await mountIntake()
    await w.vm.register()
    await settle()
    expect(api.register).not.toHaveBeenCalled()
    const t = text(w)
    expect(t).toContain('电话渠道必须填写来电号码')
    expect(t).toContain('请选择诉求分类')
    expect(t).toContain('请填写标题')
    expect(t).toContain('请填写诉求内容')
  })

  it('shows a content counter against 4000', async () => {
    const w = await mountIntake()
    // el-input puts data-testid on the <textarea> itself; the counter is its sibling.
    const content = w.get('[data-testid=intake-content]')
    const counter = () => content.element.parentElement?.querySelector('.el-input__count')?.textContent?.trim()
    expect(counter()).toBe('0 / 4000')
    await content.setValue('一二三四五')
    expect(counter()).toBe('5 / 4000')
    expect(content.attributes('maxlength')).toBe('4000')
  })

  it('registers, shows the number, resets the form and clears the draft', async () => {
    api.register.mockResolvedValueOnce(saved())
    const w = await mountIntake()
    await fillValid(w)
    expect(sessionStorage.getItem(INTAKE_DRAFT_KEY)).toContain('夜间施工噪音')
    await w.get('[data-testid=intake-register]').trigger('click')
    await flushPromises()
    expect(api.register).toHaveBeenCalledTimes(1)
    expect(api.register.mock.calls[0]?.[0]).toEqual({
      channel: 'Phone',
      callerPhone: '13812345678',
      callerName: '张先生',
      appealType: 'Consultation',
      urgency: 'Normal',
      categoryId: 101,
      areaId: 1,
      address: '人民路 1 号',
      title: '夜间施工噪音',
      content: '每晚十一点后仍在施工。',
      isConfidential: false,
      callId: undefined,
    })
    expect(w.get('[data-testid=intake-saved-number]').text()).toBe('202611230001')
    expect(w.vm.form.title).toBe('')
    expect(w.vm.form.callerPhone).toBe('')
    expect(sessionStorage.getItem(INTAKE_DRAFT_KEY)).toBeNull()
  })

  it('Ctrl+Enter registers', async () => {
    api.register.mockResolvedValueOnce(saved())
    const w = await mountIntake()
    await fillValid(w)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }))
    await flushPromises()
    expect(api.register).toHaveBeenCalledTimes(1)
  })

  it('register and dispatch sends the departments chosen in the dialog', async () => {
    api.register.mockResolvedValueOnce(saved({ status: 'PendingSign' }))
    const w = await mountIntake()
    await fillValid(w)
    await w.get('[data-testid=intake-register-dispatch]').trigger('click')
    await flushPromises()
    w.vm.dispatch.lead = 10
    w.vm.dispatch.assist = [11, 10]
    w.vm.dispatch.note = '请尽快处理'
    await flushPromises()
    await w.vm.confirmDispatch()
    await flushPromises()
    expect(api.register).toHaveBeenCalledTimes(1)
    expect(api.register.mock.calls[0]?.[0].dispatch).toEqual({ leadDepartmentId: 10, assistDepartmentIds: [11], note: '请尽快处理' })
  })

  it('answer directly posts the answer to answer-directly', async () => {
    api.answerDirectly.mockResolvedValueOnce(saved({ status: 'Closed' }))
    const w = await mountIntake()
    await fillValid(w)
    await w.get('[data-testid=intake-answer-directly]').trigger('click')
    await flushPromises()
    w.vm.answer = '已告知办理地点和材料'
    await flushPromises()
    await w.vm.confirmAnswer()
    await flushPromises()
    expect(api.register).not.toHaveBeenCalled()
    const body = api.answerDirectly.mock.calls[0]?.[0]
    expect(body.answer).toBe('已告知办理地点和材料')
    expect(body.title).toBe('夜间施工噪音')
    expect(body).not.toHaveProperty('dispatch')
  })

  it('shows server validation errors beside the named fields and keeps what was typed', async () => {
    api.register.mockRejectedValueOnce(new ApiError({ status: 400, title: 'invalid', fieldErrors: { callerPhone: ['服务器：号码不存在'], title: ['服务器：标题含敏感词'] } }))
    const w = await mountIntake()
    await fillValid(w)
    await w.vm.register()
    await settle()
    expect(text(w)).toContain('服务器：号码不存在')
    expect(text(w)).toContain('服务器：标题含敏感词')
    expect(w.vm.form.title).toBe('夜间施工噪音')
    expect(sessionStorage.getItem(INTAKE_DRAFT_KEY)).toContain('夜间施工噪音')
  })

  it('shows a retryable network error and keeps the form', async () => {
    api.register.mockRejectedValueOnce(new ApiError({ status: 0, title: 'Failed to fetch', code: 'Network' })).mockResolvedValueOnce(saved())
    const w = await mountIntake()
    await fillValid(w)
    await w.vm.register()
    await flushPromises()
    expect(w.find('[data-testid=network-error]').exists()).toBe(true)
    expect(w.vm.form.content).toBe('每晚十一点后仍在施工。')
    await w.get('[data-testid=network-retry]').trigger('click')
    await flushPromises()
    expect(api.register).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid=intake-saved-number]').text()).toBe('202611230001')
  })

  it('loads the caller history once a valid number is typed (debounced)', async () => {
    api.callerHistory.mockResolvedValue([
      { id: 5, number: '202611010001', status: 'Closed', title: '路灯不亮', createdUtc: '2026-11-01T02:00:00Z' },
    ])
    const w = await mountIntake()
    vi.useFakeTimers()
    await w.get('[data-testid=intake-phone]').setValue('1381234')
    await w.get('[data-testid=intake-phone]').setValue('13812345678')
    vi.advanceTimersByTime(400)
    vi.useRealTimers()
    await flushPromises()
    expect(api.callerHistory).toHaveBeenCalledTimes(1)
    expect(api.callerHistory).toHaveBeenCalledWith('13812345678')
    const item = w.get('[data-testid=intake-history-item]')
    expect(item.text()).toContain('202611010001')
    expect(item.text()).toContain('路灯不亮')
    expect(item.text()).toContain('已办结')
  })

  it('restores a draft after a reload', async () => {
    sessionStorage.setItem(INTAKE_DRAFT_KEY, JSON.stringify({ ...emptyIntakeForm(), title: '草稿标题', content: '草稿内容' }))
    const w = await mountIntake()
    expect((w.get('[data-testid=intake-title]').element as HTMLInputElement).value).toBe('草稿标题')
    expect(w.vm.form.content).toBe('草稿内容')
  })

  it('shows the routing suggestion with its reason; 采用建议 fills the 登记并派单 choice', async () => {
    routing.decide.mockResolvedValue(decision())
    const w = await mountIntake()
    await fillValid(w)
    await new Promise((r) => setTimeout(r, 400)) // the 300 ms debounce
    await flushPromises()
    const last = routing.decide.mock.calls.at(-1)?.[0] as Record<string, unknown>
    expect(last).toMatchObject({ categoryId: 101, areaId: 1, appealType: 'Consultation', channel: 'Phone', title: '夜间施工噪音' })
    const panel = w.get('[data-testid=routing-suggestion]')
    expect(panel.get('[data-testid=routing-lead]').text()).toBe('城管局')
    expect(panel.get('[data-testid=routing-assist]').text()).toBe('住建局')
    expect(panel.get('[data-testid=routing-rule]').text()).toContain('5')
    expect(panel.get('[data-testid=routing-why]').text()).toContain('内容含“施工”')
    expect(panel.text()).toContain('其他匹配规则（1）')

    await panel.get('[data-testid=routing-adopt]').trigger('click')
    await flushPromises()
    expect(w.vm.dispatch.lead).toBe(10)
    expect(w.vm.dispatch.assist).toEqual([11])
    expect(w.vm.dispatch.note).toContain('建筑施工噪音')
  })

  it('shows the no-rule state and offers nothing to adopt', async () => {
    const w = await mountIntake()
    await fillValid(w)
    await new Promise((r) => setTimeout(r, 400))
    await flushPromises()
    expect(w.get('[data-testid=routing-no-rule]').text()).toContain('无匹配规则，待中心人工派单')
    expect(w.get('[data-testid=routing-adopt]').attributes('disabled')).toBeDefined()
  })

  it('says to which department a plain 登记 was auto-dispatched', async () => {
    api.register.mockResolvedValue(
      saved({
        status: 'PendingSign',
        leadDepartmentName: '城管局',
        events: [
          { action: 'Register', detail: null },
          { action: 'Dispatch', departmentName: '城管局', detail: { note: '…', routing: { version: 2, ruleNo: 5, ruleId: 900, auto: true } } },
        ] as unknown as TicketDetail['events'],
      }),
    )
    const w = await mountIntake()
    await fillValid(w)
    await w.vm.register()
    await flushPromises()
    const auto = w.get('[data-testid=intake-auto-dispatched]').text()
    expect(auto).toContain('已按责任清单自动派单至 城管局')
    expect(auto).toContain('第 5 条（v2）')
  })
})
