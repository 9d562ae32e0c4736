import { describe, expect, it } from 'vitest'
import { nextTick, reactive } from 'vue'
import { ApiError } from '@/api/http'
import { mapFieldErrors, normalizeFieldKey, useFormErrors } from '@/composables/useFormErrors'

describe('normalizeFieldKey', () => {
  it('camelCases each segment and drops JSON paths and indexes', () => {
    expect(normalizeFieldKey('callerPhone')).toBe('callerPhone')
    expect(normalizeFieldKey('CallerPhone')).toBe('callerPhone')
    expect(normalizeFieldKey('Dispatch.LeadDepartmentId')).toBe('dispatch.leadDepartmentId')
    expect(normalizeFieldKey('$.title')).toBe('title')
    expect(normalizeFieldKey('dispatch.assistDepartmentIds[1]')).toBe('dispatch.assistDepartmentIds')
  })
})

describe('mapFieldErrors', () => {
  it('puts known fields beside the form items and the rest aside', () => {
    const r = mapFieldErrors(
      { callerPhone: ['号码格式不正确'], 'dispatch.leadDepartmentId': ['必填'], Unknown: ['x'], title: ['太长', '含非法字符'] },
      ['callerPhone', 'dispatch.leadDepartmentId', 'title'],
    )
    expect(r.fields).toEqual({ callerPhone: '号码格式不正确', 'dispatch.leadDepartmentId': '必填', title: '太长；含非法字符' })
    expect(r.unmatched).toEqual(['x'])
  })

  it('maps everything when no field list is given, and applies aliases', () => {
    const r = mapFieldErrors({ leadDepartmentId: ['必填'] }, undefined, { leadDepartmentId: 'dispatch.leadDepartmentId' })
    expect(r.fields).toEqual({ 'dispatch.leadDepartmentId': '必填' })
    expect(r.unmatched).toEqual([])
  })
})

describe('useFormErrors', () => {
  it('applies an ApiError and clears a field when the user edits it', async () => {
    const model = reactive({ callerPhone: '123', title: '' })
    const fe = useFormErrors({ known: ['callerPhone', 'title'], model: () => ({ ...model }) })
    const rest = fe.apply(new ApiError({ status: 400, title: 'bad', fieldErrors: { callerPhone: ['格式'], title: ['必填'], other: ['?'] } }))
    expect(rest).toEqual(['?'])
    expect(fe.errors).toEqual({ callerPhone: '格式', title: '必填' })
    expect(fe.general).toEqual(['?'])
    model.callerPhone = '13812345678'
    await nextTick()
    expect(fe.errors.callerPhone).toBeUndefined()
    expect(fe.errors.title).toBe('必填')
    fe.clear()
    expect(fe.errors).toEqual({})
  })

  it('clears nested errors of a group', () => {
    const fe = useFormErrors()
    fe.apply(new ApiError({ status: 400, title: 'bad', fieldErrors: { 'dispatch.leadDepartmentId': ['必填'], 'dispatch.note': ['长'], title: ['x'] } }))
    fe.clearField('dispatch')
    expect(fe.errors).toEqual({ title: 'x' })
  })
})
