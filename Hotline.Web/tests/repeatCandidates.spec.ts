import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/locales'
import type { RepeatCandidate, RepeatLinkRequest } from '@/types'
import { testRouter } from './helpers'

const repeat = vi.hoisted(() => ({ candidates: vi.fn() }))
vi.mock('@/api/repeat', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/repeat')>()
  return { ...real, repeatApi: { ...real.repeatApi, ...repeat } }
})

import RepeatCandidates from '@/components/RepeatCandidates.vue'

const candidate = (over: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  ticketId: 7,
  number: '20261120-00007',
  status: 'InProgress',
  title: '工地夜间施工噪音',
  content: '晚上十一点还在打桩',
  categoryName: '噪音扰民',
  areaName: '滨江社区',
  address: '滨江路88号',
  leadDepartmentName: '区城管局',
  satisfaction: null,
  createdUtc: '2026-11-20T02:00:00Z',
  masterTicketId: null,
  score: 0.93,
  reasons: [
    { code: 'SameCaller', value: 3 },
    { code: 'SimilarText', value: 0.42 },
  ],
  canAttach: true,
  ...over,
})

describe('repeat candidates at intake', () => {
  it('asks once typing settles and shows each candidate with its score and checkable reasons; attach picks the link', async () => {
    repeat.candidates.mockResolvedValue([candidate(), candidate({ ticketId: 8, number: '20261101-00008', status: 'Closed', canAttach: false, score: 0.5, reasons: [] })])
    vi.useFakeTimers()
    const w = mount(RepeatCandidates, {
      props: { query: { callerPhone: '13812345678', title: '施工' }, ready: true, modelValue: null },
      global: { plugins: [i18n, testRouter()] },
    })
    await w.setProps({ query: { callerPhone: '13812345678', title: '施工噪音' } })
    vi.advanceTimersByTime(400)
    vi.useRealTimers()
    await flushPromises()
    expect(repeat.candidates).toHaveBeenCalledTimes(1) // debounced: the two queries became one request
    const items = w.findAll('[data-testid=repeat-candidate]')
    expect(items).toHaveLength(2)
    expect(items[0]!.text()).toContain('相似度 93')
    expect(items[0]!.get('[data-reason=SameCaller]').text()).toBe('同一来电人（3 天前）')
    expect(items[0]!.get('[data-reason=SimilarText]').text()).toBe('内容相似 42%')
    expect(items[1]!.get('[data-testid=repeat-attach]').attributes('disabled')).toBeDefined() // closed: register as new instead

    await items[0]!.get('[data-testid=repeat-attach]').trigger('click')
    const emitted = w.emitted('update:modelValue')!.at(-1)![0] as RepeatLinkRequest
    expect(emitted).toMatchObject({ ticketId: 7, mode: 'Child', score: 0.93 })
  })

  it('says nothing is found, and asks nothing until there is enough to look up', async () => {
    repeat.candidates.mockReset()
    const w = mount(RepeatCandidates, { props: { query: {}, ready: false, modelValue: null }, global: { plugins: [i18n, testRouter()] } })
    await flushPromises()
    expect(repeat.candidates).not.toHaveBeenCalled()
    expect(w.text()).toContain('自动查找')
    repeat.candidates.mockResolvedValue([])
    vi.useFakeTimers()
    await w.setProps({ ready: true, query: { callerPhone: '13812345678' } })
    vi.advanceTimersByTime(400)
    vi.useRealTimers()
    await flushPromises()
    expect(w.find('[data-testid=repeat-candidates-empty]').exists()).toBe(true)
  })
})
