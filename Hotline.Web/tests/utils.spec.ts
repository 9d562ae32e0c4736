import { describe, expect, it } from 'vitest'
import { formatPhone, isLandline, isMobile, isValidPhone, maskPhone, normalizePhone } from '@/utils/phone'
import { dateRangeToUtc, formatDuration, timeSince } from '@/utils/time'
import { STATUS_TAG_TYPE, statusTagType } from '@/utils/status'
import { buildTree, fullName, pathTo, toCascaderOptions } from '@/utils/tree'
import { TICKET_STATUSES } from '@/types'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

describe('phone helpers', () => {
  it('accepts mobiles with optional +86', () => {
    expect(isMobile('13812345678')).toBe(true)
    expect(isMobile('+8619912345678')).toBe(true)
    expect(isMobile('12812345678')).toBe(false)
    expect(isMobile('1381234567')).toBe(false)
    expect(isMobile('138123456789')).toBe(false)
  })

  it('accepts landlines with area code, dashes allowed', () => {
    expect(isLandline('01012345678')).toBe(true)
    expect(isLandline('010-12345678')).toBe(true)
    expect(isLandline('0755-1234567')).toBe(true)
    expect(isLandline('0755-12345678')).toBe(true)
    expect(isLandline('12345678')).toBe(false)
    expect(isLandline('010-123')).toBe(false)
    expect(isLandline('-01012345678')).toBe(false)
    expect(isLandline('010--12345678')).toBe(false)
  })

  it('validates either form and rejects rubbish', () => {
    expect(isValidPhone(' 13812345678 ')).toBe(true)
    expect(isValidPhone('abc')).toBe(false)
    expect(isValidPhone('')).toBe(false)
    expect(isValidPhone(null)).toBe(false)
  })

  it('normalizes blanks and landline dashes', () => {
    expect(normalizePhone(' 138 1234 5678 ')).toBe('13812345678')
    expect(normalizePhone('010-1234-5678')).toBe('01012345678')
    expect(normalizePhone(undefined)).toBe('')
  })

  it('masks the middle digits like the server does', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('+8613812345678')).toBe('138****5678')
    expect(maskPhone('138****5678')).toBe('138****5678')
    expect(maskPhone('010-12345678')).toBe('010****5678')
    expect(maskPhone('')).toBe('')
  })

  it('formats for reading', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678')
    expect(formatPhone('+8613812345678')).toBe('+86 138 1234 5678')
    expect(formatPhone('01012345678')).toBe('010-12345678')
    expect(formatPhone('07551234567')).toBe('0755-1234567')
    expect(formatPhone('138****5678')).toBe('138****5678')
    expect(formatPhone('hello')).toBe('hello')
  })
})

describe('time since', () => {
  const H = 3_600_000
  const M = 60_000
  it('formats in two units, zh-CN', () => {
    expect(formatDuration(2 * H + 15 * M)).toBe('2小时15分')
    expect(formatDuration(2 * H)).toBe('2小时')
    expect(formatDuration(15 * M + 30_000)).toBe('15分钟')
    expect(formatDuration(30_000)).toBe('刚刚')
    expect(formatDuration(3 * 24 * H + 4 * H + 5 * M)).toBe('3天4小时')
    expect(formatDuration(24 * H + 10 * M)).toBe('1天')
    expect(formatDuration(-5 * M)).toBe('刚刚')
  })
  it('formats in English', () => {
    expect(formatDuration(2 * H + 15 * M, 'en')).toBe('2h 15m')
    expect(formatDuration(3 * 24 * H + 4 * H, 'en')).toBe('3d 4h')
    expect(formatDuration(5 * M, 'en')).toBe('5m')
    expect(formatDuration(0, 'en')).toBe('just now')
  })
  it('measures from an ISO instant', () => {
    const now = Date.parse('2026-11-23T10:15:00Z')
    expect(timeSince('2026-11-23T08:00:00Z', now)).toBe('2小时15分')
    expect(timeSince(null, now)).toBe('')
    expect(timeSince('not a date', now)).toBe('')
  })
  it('turns a local date range into an exclusive UTC range', () => {
    const r = dateRangeToUtc(['2026-11-01', '2026-11-03'])
    expect(r.from).toBe(new Date(2026, 10, 1).toISOString())
    expect(r.to).toBe(new Date(2026, 10, 4).toISOString())
    expect(dateRangeToUtc(null)).toEqual({})
  })
})

describe('status colours', () => {
  it('cover every status with a valid tag type and a label in both languages', () => {
    for (const s of TICKET_STATUSES) {
      expect(['primary', 'success', 'info', 'warning', 'danger']).toContain(statusTagType(s))
      expect(zhCN.enums.status[s]).toBeTruthy()
      expect(en.enums.status[s]).toBeTruthy()
    }
    expect(Object.keys(STATUS_TAG_TYPE).sort()).toEqual([...TICKET_STATUSES].sort())
    expect(statusTagType('Closed')).toBe('success')
    expect(statusTagType('ReturnRequested')).toBe('danger')
  })
})

describe('tree building', () => {
  const flat = [
    { id: 3, name: '社区A', parentId: 2, isActive: true },
    { id: 1, name: '城区', parentId: null, isActive: true },
    { id: 2, name: '街道A', parentId: 1, isActive: true },
    { id: 4, name: '街道B', parentId: 1, isActive: false },
    { id: 5, name: '孤儿', parentId: 99, isActive: true },
    { id: 6, name: '二级', parentId: null, isActive: true, sortOrder: -1 },
  ]

  it('builds a forest by parentId; orphans become roots; sortOrder then id order', () => {
    const tree = buildTree(flat)
    expect(tree.map((n) => n.id)).toEqual([6, 1, 5])
    const city = tree[1]
    expect(city?.children?.map((n) => n.id)).toEqual([2, 4])
    expect(city?.children?.[0]?.children?.map((n) => n.name)).toEqual(['社区A'])
  })

  it('breaks cycles instead of losing nodes', () => {
    const tree = buildTree([
      { id: 1, name: 'a', parentId: 2 },
      { id: 2, name: 'b', parentId: 1 },
    ])
    const count = (nodes: typeof tree): number => nodes.reduce((n, x) => n + 1 + count(x.children ?? []), 0)
    expect(count(tree)).toBe(2)
  })

  it('makes cascader options without inactive nodes', () => {
    const opts = toCascaderOptions(flat)
    const city = opts.find((o) => o.value === 1)
    expect(city?.label).toBe('城区')
    expect(city?.children?.map((c) => c.value)).toEqual([2])
    expect(city?.children?.[0]?.children?.[0]).toEqual({ value: 3, label: '社区A' })
    const withInactive = toCascaderOptions(flat, true)
    expect(withInactive.find((o) => o.value === 1)?.children?.find((c) => c.value === 4)?.disabled).toBe(true)
  })

  it('finds paths and full names', () => {
    expect(pathTo(flat, 3)).toEqual([1, 2, 3])
    expect(pathTo(flat, null)).toEqual([])
    expect(fullName(flat, 3)).toBe('城区 / 街道A / 社区A')
  })
})
