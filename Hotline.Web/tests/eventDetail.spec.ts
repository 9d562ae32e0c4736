import { describe, expect, it } from 'vitest'
import { eventDetailLines, type EventDetailContext } from '@/utils/eventDetail'
import { i18n } from '@/locales'

const names: Record<number, string> = { 11: '区城管局', 12: '区市场监管局', 13: '江滨街道办事处' }
const ctx = (locale: 'zh-CN' | 'en'): EventDetailContext => {
  i18n.global.locale.value = locale
  return { t: i18n.global.t, te: (k) => i18n.global.te(k), departmentName: (id) => names[id] ?? '' }
}

describe('eventDetailLines', () => {
  it('names departments, translates enums and yes/no, and drops empty values', () => {
    expect(eventDetailLines({ leadDepartmentId: 11, assistDepartmentIds: [12, 13], note: null }, ctx('zh-CN'))).toEqual([
      '主办单位：区城管局',
      '协办单位：区市场监管局、江滨街道办事处',
    ])
    expect(eventDetailLines({ satisfaction: 'BasicallySatisfied', resolved: true, comment: '' }, ctx('zh-CN'))).toEqual([
      '满意度：基本满意',
      '是否解决：是',
    ])
    expect(eventDetailLines({ assistDepartmentIds: [] }, ctx('zh-CN'))).toEqual([])
  })

  it('says which rule routed an automatic dispatch, and shows escalations in words', () => {
    expect(eventDetailLines({ routing: { version: 3, ruleNo: 12, ruleId: 99, auto: true } }, ctx('zh-CN'))).toEqual([
      '责任清单：v3 第12条（自动派单）',
    ])
    const lines = eventDetailLines({ kind: 'Handle', level: 'Red', dueUtc: '2026-12-07T10:00:00Z' }, ctx('zh-CN'))
    expect(lines.slice(0, 2)).toEqual(['时限：办理', '级别：红灯'])
    expect(lines[2]).toMatch(/^到期时间：2026-12-07 \d\d:00$/)
  })

  it('speaks English too, and shows a field it does not know as it is', () => {
    expect(eventDetailLines({ workingDays: 5, unknownThing: 'x', oldDueUtc: null }, ctx('en'))).toEqual(['Working days: 5', 'unknownThing: x'])
    expect(eventDetailLines({ leadDepartmentId: 404 }, ctx('en'))).toEqual(['Lead: 404'])
    i18n.global.locale.value = 'zh-CN'
  })
})
