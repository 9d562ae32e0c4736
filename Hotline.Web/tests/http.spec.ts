import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildQuery, http, isApiError, onUnauthorized, problemToApiError, readCookie } from '@/api/http'
import { ticketsApi, ticketQueryString } from '@/api/tickets'
import { jsonResponse } from './helpers'

const fetchMock = vi.fn<typeof fetch>()

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  document.cookie = 'XSRF-TOKEN=tok%2Ben; path=/'
})
afterEach(() => {
  vi.unstubAllGlobals()
  onUnauthorized(undefined)
})

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (e) {
    expect(isApiError(e)).toBe(true)
    return e as ApiError
  }
  throw new Error('expected the request to fail')
}

describe('http wrapper', () => {
  it('maps a 400 ProblemDetails to fieldErrors, nested keys included', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        400,
        { title: 'One or more validation errors occurred.', status: 400, errors: { callerPhone: ['号码格式不正确'], 'dispatch.leadDepartmentId': ['必填', '无效'] } },
        'application/problem+json',
      ),
    )
    const e = await caught(http.post('/api/tickets', { a: 1 }))
    expect(e.status).toBe(400)
    expect(e.title).toBe('One or more validation errors occurred.')
    expect(e.fieldErrors).toEqual({ callerPhone: ['号码格式不正确'], 'dispatch.leadDepartmentId': ['必填', '无效'] })
    expect(e.hasFieldErrors).toBe(true)
    expect(e.isConflict).toBe(false)
  })

  it('maps a 409 with code, currentStatus and currentVersion', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(409, { title: 'Conflict', status: 409, code: 'StaleVersion', currentStatus: 'InProgress', currentVersion: 7 }, 'application/problem+json'),
    )
    const e = await caught(ticketsApi.transition(5, 'Sign', { version: 6 }))
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(409)
    expect(e.code).toBe('StaleVersion')
    expect(e.currentStatus).toBe('InProgress')
    expect(e.currentVersion).toBe(7)
    expect(e.isConflict).toBe(true)
    expect(e.fieldErrors).toEqual({})
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/tickets/5/sign')
  })

  it('turns a network failure into ApiError with status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const e = await caught(http.get('/api/tickets'))
    expect(e.status).toBe(0)
    expect(e.isNetwork).toBe(true)
    expect(e.code).toBe('Network')
  })

  it('uses the status text when the body is not ProblemDetails', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const e = await caught(http.get('/api/x'))
    expect(e.status).toBe(502)
    expect(e.title).toBe('Bad Gateway')
  })

  it('keeps lockoutEndUtc of a 423', () => {
    const e = problemToApiError(423, { title: 'Locked', lockoutEndUtc: '2026-11-23T08:15:00Z' })
    expect(e.lockoutEndUtc).toBe('2026-11-23T08:15:00Z')
  })

  it('sends the XSRF header on POST/PUT/DELETE but not on GET, with same-origin credentials and JSON', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, { ok: true }))
    await http.get('/api/a')
    await http.post('/api/b', { x: 1 })
    await http.put('/api/c', { y: 2 })
    await http.delete('/api/d')
    const init = (i: number) => fetchMock.mock.calls[i]?.[1] as RequestInit
    const headers = (i: number) => init(i).headers as Record<string, string>
    expect(headers(0)['X-XSRF-TOKEN']).toBeUndefined()
    expect(headers(1)['X-XSRF-TOKEN']).toBe('tok+en')
    expect(headers(2)['X-XSRF-TOKEN']).toBe('tok+en')
    expect(headers(3)['X-XSRF-TOKEN']).toBe('tok+en')
    expect(headers(1)['Content-Type']).toBe('application/json')
    expect(init(1).body).toBe('{"x":1}')
    expect(init(0).credentials).toBe('same-origin')
    expect(init(1).method).toBe('POST')
  })

  it('returns undefined for 204 and parsed JSON otherwise', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(http.post('/api/auth/logout')).resolves.toBeUndefined()
    fetchMock.mockResolvedValueOnce(jsonResponse(201, { id: 3, number: 'A1' }))
    await expect(http.post('/api/tickets', {})).resolves.toEqual({ id: 3, number: 'A1' })
  })

  it('calls the unauthorized handler on 401 unless told not to', async () => {
    const handler = vi.fn()
    onUnauthorized(handler)
    fetchMock.mockImplementation(async () => jsonResponse(401, { title: 'Unauthorized', status: 401 }))
    await caught(http.get('/api/tickets'))
    expect(handler).toHaveBeenCalledWith('/api/tickets')
    await caught(http.get('/api/auth/me', { skipAuthRedirect: true }))
    expect(handler).toHaveBeenCalledTimes(1)
  })
})

describe('query strings', () => {
  it('repeats status and skips empty values', () => {
    expect(buildQuery({ status: ['PendingSign', 'InProgress'], q: '', page: 1, x: undefined, y: null, desc: true })).toBe(
      '?status=PendingSign&status=InProgress&page=1&desc=true',
    )
    expect(buildQuery({})).toBe('')
  })

  it('builds the ticket list query with every filter', () => {
    const qs = ticketQueryString({
      status: ['Closed'],
      departmentId: 4,
      appealType: 'Complaint',
      urgency: 'Urgent',
      channel: 'Phone',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-02T00:00:00.000Z',
      number: ' 2026112300001 ',
      q: '噪音',
      page: 2,
      pageSize: 50,
      sort: 'urgency',
      desc: false,
    })
    const sp = new URLSearchParams(qs.slice(1))
    expect(sp.getAll('status')).toEqual(['Closed'])
    expect(sp.get('departmentId')).toBe('4')
    expect(sp.get('number')).toBe('2026112300001')
    expect(sp.get('q')).toBe('噪音')
    expect(sp.get('sort')).toBe('urgency')
    expect(sp.get('desc')).toBe('false')
    expect(sp.get('from')).toBe('2026-11-01T00:00:00.000Z')
  })

  it('reads cookies by name', () => {
    expect(readCookie('XSRF-TOKEN', 'a=1; XSRF-TOKEN=abc%3D; b=2')).toBe('abc=')
    expect(readCookie('missing', 'a=1')).toBeUndefined()
  })
})
