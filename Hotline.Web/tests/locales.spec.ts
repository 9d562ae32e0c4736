import { describe, expect, it } from 'vitest'
import zhCN from '@/locales/zh-CN'
import en from '@/locales/en'

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function leaves(o: unknown): unknown[] {
  if (typeof o !== 'object' || o === null) return [o]
  return Object.values(o as Record<string, unknown>).flatMap(leaves)
}

describe('locales', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
  it('every message is a non-empty string', () => {
    for (const v of [...leaves(zhCN), ...leaves(en)]) {
      expect(typeof v).toBe('string')
      expect((v as string).length).toBeGreaterThan(0)
    }
  })
  it('placeholders match between languages', () => {
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    const zk = keys(zhCN)
    const get = (o: unknown, k: string) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o) as string
    for (const k of zk) expect(ph(get(en, k)), k).toEqual(ph(get(zhCN, k)))
  })
  it('uses the glossary names for the lifecycle', () => {
    expect(zhCN.enums.status.PendingDispatch).toBe('待派单')
    expect(zhCN.conflict.title).toBe('该工单已被他人更新')
    expect(zhCN.app.name).toBe('12345 政务服务便民热线')
  })
})
