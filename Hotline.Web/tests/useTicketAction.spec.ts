import { beforeEach, describe, expect, it, vi } from 'vitest'

const ui = vi.hoisted(() => ({
  confirm: vi.fn(),
  alert: vi.fn(),
  success: vi.fn(),
  error: vi.fn(),
}))

vi.mock('element-plus', async (importOriginal) => {
  const real = await importOriginal<typeof import('element-plus')>()
  return {
    ...real,
    ElMessageBox: { confirm: ui.confirm, alert: ui.alert },
    ElMessage: Object.assign(vi.fn(), { success: ui.success, error: ui.error }),
  }
})

const transition = vi.hoisted(() => vi.fn())
vi.mock('@/api/tickets', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/api/tickets')>()
  return { ...real, ticketsApi: { ...real.ticketsApi, transition } }
})

import { ApiError } from '@/api/http'
import { useTicketAction } from '@/composables/useTicketAction'

beforeEach(() => {
  for (const f of Object.values(ui)) f.mockReset()
  transition.mockReset()
})

describe('useTicketAction', () => {
  it('sends the version the user saw and returns the new detail', async () => {
    transition.mockResolvedValueOnce({ id: 1, version: 4 })
    const a = useTicketAction({ onReload: vi.fn() })
    const r = await a.run({ id: 1, version: 3 }, 'RequestReturn', { reason: '不属于本单位职责' })
    expect(transition).toHaveBeenCalledWith(1, 'RequestReturn', { reason: '不属于本单位职责', version: 3 })
    expect(r).toEqual({ id: 1, version: 4 })
    expect(ui.success).toHaveBeenCalled()
  })

  it('on a stale version says someone else changed the ticket and reloads on request', async () => {
    transition.mockRejectedValueOnce(new ApiError({ status: 409, title: 'Conflict', code: 'StaleVersion', currentStatus: 'InProgress', currentVersion: 7 }))
    ui.confirm.mockResolvedValueOnce('confirm')
    const onReload = vi.fn()
    const a = useTicketAction({ onReload })
    const r = await a.run({ id: 1, version: 6 }, 'Sign', {})
    expect(r).toBeNull()
    expect(ui.confirm).toHaveBeenCalledTimes(1)
    const [message, title, opts] = ui.confirm.mock.calls[0] as [string, string, { confirmButtonText: string }]
    expect(title).toBe('该工单已被他人更新')
    expect(message).toContain('办理中')
    expect(opts.confirmButtonText).toBe('重新加载')
    expect(onReload).toHaveBeenCalledTimes(1)
  })

  it('does not reload when the user cancels the conflict box', async () => {
    transition.mockRejectedValueOnce(new ApiError({ status: 409, title: 'Conflict', code: 'InvalidState', currentStatus: 'Closed' }))
    ui.confirm.mockRejectedValueOnce('cancel')
    const onReload = vi.fn()
    const a = useTicketAction({ onReload })
    await a.run({ id: 1, version: 6 }, 'Withdraw', { reason: 'x' })
    expect(onReload).not.toHaveBeenCalled()
  })

  it('explains the return limit', async () => {
    transition.mockRejectedValueOnce(new ApiError({ status: 409, title: 'Conflict', code: 'ReturnLimitReached' }))
    ui.alert.mockResolvedValueOnce('ok')
    const a = useTicketAction({ onReload: vi.fn() })
    await a.run({ id: 1, version: 2 }, 'RequestReturn', { reason: 'x' })
    expect(ui.alert.mock.calls[0]?.[0]).toContain('退单次数已达上限')
    expect(ui.confirm).not.toHaveBeenCalled()
  })

  it('puts 400 messages beside the fields', async () => {
    transition.mockRejectedValueOnce(new ApiError({ status: 400, title: 'bad', fieldErrors: { reason: ['原因不能为空'], leadDepartmentId: ['单位已停用'] } }))
    const a = useTicketAction({ onReload: vi.fn(), known: ['reason', 'leadDepartmentId'] })
    await a.run({ id: 1, version: 2 }, 'RejectReturn', { reason: ' ' })
    expect(a.errors).toEqual({ reason: '原因不能为空', leadDepartmentId: '单位已停用' })
  })

  it('keeps a network failure for an inline retry', async () => {
    transition.mockRejectedValueOnce(new ApiError({ status: 0, title: 'Failed to fetch', code: 'Network' })).mockResolvedValueOnce({ id: 1, version: 3 })
    const a = useTicketAction({ onReload: vi.fn() })
    expect(await a.run({ id: 1, version: 2 }, 'Reply', { result: '已处理', resolved: true })).toBeNull()
    expect(a.networkError.value?.status).toBe(0)
    expect(await a.retry()).toEqual({ id: 1, version: 3 })
    expect(transition).toHaveBeenLastCalledWith(1, 'Reply', { result: '已处理', resolved: true, version: 2 })
    expect(a.networkError.value).toBeNull()
  })
})
