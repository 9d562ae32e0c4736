import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, reactive } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import type { RoutingDecision, RoutingInput, RoutingRule } from '@/types'
import { ApiError } from '@/api/http'
import { mapFieldErrors } from '@/composables/useFormErrors'
import { autoDispatchOf } from '@/utils/routing'
import { deferred, freshPinia } from './helpers'

const routing = vi.hoisted(() => ({ decide: vi.fn(), create: vi.fn(), update: vi.fn() }))
vi.mock('@/api/routing', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/routing')>()
  return { ...real, routingApi: { ...real.routingApi, ...routing } }
})
vi.mock('@/api/directory', () => ({
  directoryApi: {
    departments: vi.fn(async () => [
      { id: 10, code: 'CGJ', name: '城管局', kind: 'Functional', parentId: null, areaId: null, isActive: true },
      { id: 11, code: 'ZJJ', name: '住建局', kind: 'Functional', parentId: null, areaId: null, isActive: true },
    ]),
    areas: vi.fn(async () => [{ id: 1, code: 'LJ', name: '临江区', level: 'District', parentId: null, isActive: true }]),
    categories: vi.fn(async () => [{ id: 101, code: 'C11', name: '噪音扰民', parentId: null, sortOrder: 1, isActive: true }]),
  },
}))

import { decideBody, isWorthAsking, useRoutingSuggestion } from '@/composables/useRoutingSuggestion'
import { buildRulePayload, cleanKeywords, emptyRuleForm, importErrorRows, RULE_FIELD_ALIASES, RULE_FIELDS, ruleToForm } from '@/views/routing/form'
import RuleDialog from '@/views/routing/RuleDialog.vue'

const decision = (over: Partial<RoutingDecision> = {}): RoutingDecision => ({
  outcome: 'Matched',
  version: 3,
  draft: false,
  ruleId: 1,
  ruleNo: 7,
  ruleName: '油烟污染',
  leadDepartmentId: 10,
  leadDepartmentName: '城管局',
  assistDepartments: [],
  summary: '按第 7 条派城管局',
  why: [{ condition: 'Category', text: '分类为「油烟污染」' }],
  others: [],
  decidedUtc: '2026-11-23T08:00:00Z',
  autoDispatched: null,
  ...over,
})

function suggestion(initial: RoutingInput = {}) {
  const input = reactive<RoutingInput>({ ...initial })
  const scope = effectScope()
  const s = scope.run(() => useRoutingSuggestion(() => ({ ...input })))!
  return { input, s, stop: () => scope.stop() }
}

describe('useRoutingSuggestion', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    routing.decide.mockReset()
  })
  afterEach(() => vi.useRealTimers())

  it('asks nothing until there is a category, a title or content', async () => {
    const { s, stop } = suggestion({ appealType: 'Complaint', channel: 'Phone', title: '  ' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(routing.decide).not.toHaveBeenCalled()
    expect(s.state.value).toBe('idle')
    expect(isWorthAsking({ content: 'x' })).toBe(true)
    expect(isWorthAsking({ categoryId: 0 })).toBe(true)
    stop()
  })

  it('debounces typing: one request, 300 ms after the last change, with the latest input', async () => {
    routing.decide.mockResolvedValue(decision())
    const { input, s, stop } = suggestion()
    input.categoryId = 101
    await nextTick()
    await vi.advanceTimersByTimeAsync(200)
    input.title = '油烟'
    await nextTick()
    await vi.advanceTimersByTimeAsync(200)
    input.content = ' 楼下饭店油烟直排 '
    await nextTick()
    await vi.advanceTimersByTimeAsync(299)
    expect(routing.decide).not.toHaveBeenCalled()
    expect(s.loading.value).toBe(true)
    await vi.advanceTimersByTimeAsync(1)
    expect(routing.decide).toHaveBeenCalledTimes(1)
    expect(routing.decide.mock.calls[0]?.[0]).toEqual({ categoryId: 101, title: '油烟', content: '楼下饭店油烟直排' })
    expect(routing.decide.mock.calls[0]?.[1]).toBe(false)
    await flushPromises()
    expect(s.state.value).toBe('matched')
    expect(s.decision.value?.leadDepartmentName).toBe('城管局')
    expect(s.loading.value).toBe(false)
    stop()
  })

  it('aborts and ignores a stale response that arrives after a newer one', async () => {
    const first = deferred<RoutingDecision>()
    const second = deferred<RoutingDecision>()
    routing.decide.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const { input, s, stop } = suggestion({ categoryId: 101 })
    await vi.advanceTimersByTimeAsync(300)
    expect(routing.decide).toHaveBeenCalledTimes(1)
    const firstSignal = (routing.decide.mock.calls[0]?.[2] as { signal: AbortSignal }).signal
    input.areaId = 1
    await nextTick()
    expect(firstSignal.aborted).toBe(true) // the newer input makes the request in flight stale at once
    await vi.advanceTimersByTimeAsync(300)
    expect(routing.decide).toHaveBeenCalledTimes(2)
    second.resolve(decision({ ruleNo: 8, ruleName: '新华社区餐饮油烟' }))
    await flushPromises()
    first.resolve(decision({ ruleNo: 7 }))
    await flushPromises()
    expect(s.decision.value?.ruleNo).toBe(8)
    stop()
  })

  it('shows the no-rule state, then an error state with a retry that asks again', async () => {
    routing.decide.mockResolvedValueOnce(decision({ outcome: 'NoRule', ruleNo: null, leadDepartmentId: null, leadDepartmentName: null, summary: '无匹配规则（no rule），待中心人工派单' }))
    const { input, s, stop } = suggestion({ title: '说不清楚的事' })
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(s.state.value).toBe('noRule')

    routing.decide.mockRejectedValueOnce(new ApiError({ status: 500, title: 'boom' }))
    input.content = '还是说不清'
    await nextTick()
    await vi.advanceTimersByTimeAsync(300)
    await flushPromises()
    expect(s.state.value).toBe('error')

    routing.decide.mockResolvedValueOnce(decision())
    await s.refresh()
    expect(s.state.value).toBe('matched')
    expect(routing.decide).toHaveBeenCalledTimes(3)

    // Clearing the form clears the suggestion.
    Object.assign(input, { title: '', content: '' })
    await nextTick()
    expect(s.state.value).toBe('idle')
    stop()
  })

  it('sends only what the agent has filled in', () => {
    expect(decideBody({ categoryId: null, areaId: undefined, appealType: null, title: ' a ', content: '' })).toEqual({ title: 'a' })
  })
})

const rule = (over: Partial<RoutingRule> = {}): RoutingRule => ({
  id: 1,
  version: 0,
  ruleNo: 12,
  name: '建筑施工噪音',
  categoryId: 101,
  categoryName: '噪音扰民',
  areaId: null,
  areaName: null,
  appealType: 'Complaint',
  channel: null,
  keywords: ['施工', '工地'],
  excludedKeywords: [],
  leadDepartmentId: 10,
  leadDepartmentName: '城管局',
  leadTerritorial: false,
  assistDepartmentIds: [11],
  assistDepartmentNames: ['住建局'],
  assistTerritorial: false,
  priority: 10,
  effectiveFromUtc: '2026-06-04T16:00:00Z',
  effectiveToUtc: null,
  updatedUtc: '2026-11-23T08:00:00Z',
  ...over,
})

describe('rule form mapping', () => {
  it('round-trips a rule into the SaveRoutingRule payload', () => {
    expect(buildRulePayload(ruleToForm(rule()))).toEqual({
      name: '建筑施工噪音',
      categoryId: 101,
      areaId: null,
      appealType: 'Complaint',
      channel: null,
      keywords: ['施工', '工地'],
      excludedKeywords: [],
      leadDepartmentId: 10,
      leadTerritorial: false,
      assistDepartmentIds: [11],
      assistTerritorial: false,
      priority: 10,
      effectiveFromUtc: '2026-06-04T16:00:00.000Z',
      effectiveToUtc: null,
    })
  })

  it('territorial lead sends no department; keywords trimmed and deduplicated; the lead is never an assistant', () => {
    const form = { ...emptyRuleForm(), name: ' 装修噪音 ', leadMode: 'territorial' as const, leadDepartmentId: 10, keywords: [' 装修 ', '装修', '', 'KTV', 'ktv'], assistDepartmentIds: [11] }
    const body = buildRulePayload(form)
    expect(body.name).toBe('装修噪音')
    expect(body.leadDepartmentId).toBeNull()
    expect(body.leadTerritorial).toBe(true)
    expect(body.keywords).toEqual(['装修', 'KTV'])
    expect(buildRulePayload({ ...emptyRuleForm(), leadDepartmentId: 10, assistDepartmentIds: [10, 11] }).assistDepartmentIds).toEqual([11])
    expect(cleanKeywords([' a', 'A ', 'b'])).toEqual(['a', 'b'])
    expect(ruleToForm(rule({ leadTerritorial: true, leadDepartmentId: null })).leadMode).toBe('territorial')
  })

  it('maps the server field errors onto the form fields (territorial errors beside the lead)', () => {
    const mapped = mapFieldErrors(
      { name: ['Required.'], 'keywords[2]': ['At most 50 characters.'], leadTerritorial: ['Name either a lead department or the territorial unit.'], somethingElse: ['?'] },
      RULE_FIELDS,
      RULE_FIELD_ALIASES,
    )
    expect(mapped.fields).toEqual({
      name: 'Required.',
      keywords: 'At most 50 characters.',
      leadDepartmentId: 'Name either a lead department or the territorial unit.',
    })
    expect(mapped.unmatched).toEqual(['?'])
  })

  it('the dialog posts the payload and shows a 400 beside its field', async () => {
    routing.create.mockReset()
    routing.create.mockRejectedValue(new ApiError({ status: 400, title: 'Invalid', fieldErrors: { name: ['名称已被使用的示例错误'], leadDepartmentId: ['No active department 10.'] } }))
    const w = mount(RuleDialog, { props: { modelValue: false, rule: null }, global: { plugins: [freshPinia()] }, attachTo: document.body })
    await w.setProps({ modelValue: true })
    await flushPromises()
    const dialog = document.querySelector('[data-testid=routing-rule-dialog]') as HTMLElement
    const name = dialog.querySelector('[data-testid=routing-form-name]') as HTMLInputElement
    name.value = '油烟污染'
    name.dispatchEvent(new Event('input'))
    const vm = w.vm as unknown as { $: { setupState: { form: ReturnType<typeof emptyRuleForm>; save: () => Promise<void> } } }
    vm.$.setupState.form.leadDepartmentId = 10
    vm.$.setupState.form.keywords = ['油烟']
    await flushPromises()
    await vm.$.setupState.save()
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    expect(routing.create).toHaveBeenCalledWith(expect.objectContaining({ name: '油烟污染', leadDepartmentId: 10, leadTerritorial: false, keywords: ['油烟'] }))
    const nameItem = name.closest('.el-form-item') as HTMLElement
    expect(nameItem.querySelector('.el-form-item__error')?.textContent).toContain('名称已被使用的示例错误')
    expect(dialog.textContent).toContain('No active department 10.')
    w.unmount()
  })
})

describe('CSV import errors', () => {
  it('turns rows[N].field keys into a table sorted by row, file errors first', () => {
    const rows = importErrorRows(
      new ApiError({
        status: 400,
        title: 'Invalid',
        fieldErrors: {
          'rows[12].leadDepartmentId': ['Unknown 主办单位 \'XXX\'.'],
          'rows[3].categoryId': ['Unknown 类别编码 \'C99\'.'],
          'rows[3].appealType': ['Unknown 诉求类型 \'抱怨\'.', 'second'],
          file: ['Missing columns: 优先级.'],
        },
      }),
    )
    expect(rows).toEqual([
      { row: null, field: 'file', message: 'Missing columns: 优先级.' },
      { row: 3, field: 'appealType', message: "Unknown 诉求类型 '抱怨'." },
      { row: 3, field: 'appealType', message: 'second' },
      { row: 3, field: 'categoryId', message: "Unknown 类别编码 'C99'." },
      { row: 12, field: 'leadDepartmentId', message: "Unknown 主办单位 'XXX'." },
    ])
  })
})

describe('auto-dispatch after registration', () => {
  it('reads the Dispatch event that carries routing.auto', () => {
    const events = [
      { action: 'Register', detail: null },
      { action: 'Dispatch', departmentName: '城管局', detail: { routing: { auto: true, ruleNo: 4, version: 1 } } },
    ] as never
    expect(autoDispatchOf({ status: 'PendingSign', leadDepartmentName: '城管局', events })).toEqual({ departmentName: '城管局', ruleNo: 4, version: 1 })
    const manual = [{ action: 'Dispatch', detail: { note: 'x' } }] as never
    expect(autoDispatchOf({ status: 'PendingSign', leadDepartmentName: '城管局', events: manual })).toBeNull()
  })
})
