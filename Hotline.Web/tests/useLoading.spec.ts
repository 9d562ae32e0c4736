import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { useLoading } from '@/composables/useLoading'
import { deferred } from './helpers'

describe('useLoading', () => {
  it('is loading while the fetch runs and hands the result over', async () => {
    const { loading, error, run } = useLoading()
    const answer = deferred<number>()
    let applied: number | null = null
    const done = run(() => answer.promise, (n) => (applied = n))
    expect(loading.value).toBe(true)
    answer.resolve(7)
    await done
    expect(loading.value).toBe(false)
    expect(applied).toBe(7)
    expect(error.value).toBeNull()
  })

  it('never lets an older answer overwrite a newer one, nor its error show', async () => {
    const { loading, error, run } = useLoading()
    const older = deferred<string>()
    const newer = deferred<string>()
    const applied: string[] = []
    const first = run(() => older.promise, (s) => applied.push(s))
    const second = run(() => newer.promise, (s) => applied.push(s))
    newer.resolve('newer')
    await second
    expect(loading.value).toBe(false)
    older.reject(new Error('old filter failed'))
    older.resolve('older')
    await first
    expect(applied).toEqual(['newer'])
    expect(error.value).toBeNull()
    expect(loading.value).toBe(false)
  })

  it('keeps an error to show and clears it on the next run', async () => {
    const { error, run } = useLoading()
    const failure = new ApiError({ status: 500, title: 'boom' })
    await run(() => Promise.reject(failure), () => {})
    expect(error.value).toBe(failure)
    await run(() => Promise.resolve(1), () => {})
    expect(error.value).toBeNull()
  })

  it('does not show a 401: the client is on its way to sign-in', async () => {
    const { loading, error, run } = useLoading()
    await run(() => Promise.reject(new ApiError({ status: 401, title: 'Unauthorized' })), () => {})
    expect(error.value).toBeNull()
    expect(loading.value).toBe(false)
  })
})
