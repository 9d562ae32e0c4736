import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import type { TicketCommand, TicketDetail } from '@/types'
import { freshPinia, testRouter } from './helpers'

const ui = vi.hoisted(() => ({ confirm: vi.fn(), alert: vi.fn(), success: vi.fn(), error: vi.fn() }))
vi.mock('element-plus', async (importOriginal) => {
  const real = await importOriginal<typeof import('element-plus')>()
  return {
    ...real,
    ElMessageBox: { confirm: ui.confirm, alert: ui.alert },
    ElMessage: Object.assign(vi.fn(), { success: ui.success, error: ui.error }),
  }
})

const api = vi.hoisted(() => ({ transition: vi.fn(), get: vi.fn() }))
vi.mock('@/api/tickets', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/tickets')>()
  return { ...real, ticketsApi: { ...real.ticketsApi, ...api } }
})

import TicketActionDialog from '@/components/TicketActionDialog.vue'
import { ApiError } from '@/api/http'

const ticket = (over: Partial<TicketDetail> = {}) =>
  ({
    id: 9,
    number: '20261123-00009',
    status: 'InProgress',
    title: '路灯不亮',
    version: 5,
    handleDueUtc: '2026-11-30T10:00:00Z',
    events: [],
    assignments: [],
    allowedActions: ['Reply', 'RequestExtension', 'RequestReturn'],
    extensions: [],
    ...over,
  }) as unknown as TicketDetail

let wrapper: VueWrapper | undefined

async function openDialog(action: TicketCommand, tk: TicketDetail): Promise<void> {
  const Host = defineComponent({
    setup() {
      const open = ref(false)
      return () => h(TicketActionDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), action, ticket: tk })
    },
  })
  const router = testRouter()
  await router.push('/')
  wrapper = mount(Host, { global: { plugins: [freshPinia(), router] }, attachTo: document.body })
  await flushPromises()
  // Open after mounting, as the pages do.
  const inner = wrapper.findComponent(TicketActionDialog)
  inner.vm.$emit('update:modelValue', true)
  await flushPromises()
  await new Promise((r) => setTimeout(r, 50))
}

const body = () => document.body
const confirm = async () => {
  body().querySelector<HTMLButtonElement>('[data-testid=dialog-confirm]')!.click()
  await flushPromises()
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}
const setReason = async (v: string) => {
  const el = body().querySelector<HTMLTextAreaElement>('textarea[data-testid=action-reason]')!
  el.value = v
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
const setDays = async (v: string) => {
  const el = body().querySelector<HTMLInputElement>('[data-testid=action-working-days] input')!
  el.value = v
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('change'))
  el.dispatchEvent(new FocusEvent('blur'))
  await flushPromises()
}

beforeEach(() => {
  for (const f of [...Object.values(ui), ...Object.values(api)]) f.mockReset()
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
  document.body.innerHTML = ''
})

describe('申请延期 dialog', () => {
  it('requires a reason and sends reason, working days and the version seen', async () => {
    api.get.mockResolvedValue(ticket())
    api.transition.mockResolvedValue(ticket({ version: 6 }))
    await openDialog('RequestExtension', ticket())
    expect(body().querySelector('.el-dialog__title')?.textContent).toBe('申请延期')
    expect(body().querySelector('[data-testid=extension-current-due]')).not.toBeNull()

    await confirm()
    expect(api.transition).not.toHaveBeenCalled()
    expect(body().textContent).toContain('请填写原因')

    await setReason('  需与住建局联合现场核查  ')
    await setDays('3')
    await confirm()
    expect(api.transition).toHaveBeenCalledTimes(1)
    expect(api.transition).toHaveBeenCalledWith(9, 'RequestExtension', { reason: '需与住建局联合现场核查', workingDays: 3, version: 5 })
  })

  it('keeps the working days within 1..10', async () => {
    api.get.mockResolvedValue(ticket())
    api.transition.mockResolvedValue(ticket({ version: 6 }))
    await openDialog('RequestExtension', ticket())
    await setReason('材料未齐')
    await setDays('25')
    await confirm()
    expect(api.transition).toHaveBeenCalledWith(9, 'RequestExtension', { reason: '材料未齐', workingDays: 10, version: 5 })
  })

  it('explains a refusal because the deadline has passed', async () => {
    api.get.mockResolvedValue(ticket())
    api.transition.mockRejectedValue(new ApiError({ status: 409, title: 'Conflict', code: 'DeadlinePassed' }))
    ui.alert.mockResolvedValue(undefined)
    await openDialog('RequestExtension', ticket())
    await setReason('需要更多时间')
    await confirm()
    expect(ui.alert).toHaveBeenCalledWith('办理时限已过，不能再申请延期，请尽快办结或联系中心。', '申请延期', expect.objectContaining({ type: 'warning' }))
    expect(ui.confirm).not.toHaveBeenCalled()
  })
})

describe('center decides an extension', () => {
  const pending = ticket({
    // The API lists the extension actions too; TicketAction names the lifecycle only.
    allowedActions: ['ApproveExtension', 'RejectExtension'] as unknown as TicketDetail['allowedActions'],
    extensions: [
      {
        id: 1,
        departmentId: 3,
        departmentName: '城管局',
        requestedByName: '城管联络员',
        workingDays: 2,
        reason: '需联合执法',
        status: 'Pending',
        requestedUtc: '2026-11-23T02:00:00Z',
        decidedByName: null,
        decidedUtc: null,
        decisionReason: null,
        oldDueUtc: '2026-11-30T10:00:00Z',
        newDueUtc: null,
      },
    ],
  })

  it('shows the request and approves with an optional note', async () => {
    api.get.mockResolvedValue(pending)
    api.transition.mockResolvedValue(pending)
    await openDialog('ApproveExtension', pending)
    expect(body().querySelector('[data-testid=extension-days]')?.textContent).toBe('2 个工作日')
    expect(body().querySelector('[data-testid=extension-reason]')?.textContent).toBe('需联合执法')
    await confirm()
    expect(api.transition).toHaveBeenCalledWith(9, 'ApproveExtension', { note: undefined, version: 5 })
  })

  it('rejects only with a reason', async () => {
    api.get.mockResolvedValue(pending)
    api.transition.mockResolvedValue(pending)
    await openDialog('RejectExtension', pending)
    await confirm()
    expect(api.transition).not.toHaveBeenCalled()
    await setReason('时限充足，请按期办结')
    await confirm()
    expect(api.transition).toHaveBeenCalledWith(9, 'RejectExtension', { reason: '时限充足，请按期办结', version: 5 })
  })
})
