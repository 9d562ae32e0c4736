// The one fetch wrapper: same-origin cookies, JSON, antiforgery header, ProblemDetails → ApiError.
import { noteServerTime, SERVER_TIME_HEADER } from '@/utils/serverClock'

export type ConflictCode = 'StaleVersion' | 'InvalidState' | 'ReturnLimitReached' | 'Duplicate' | 'DeadlinePassed' | 'ExtensionLimitReached'

export interface ApiErrorInit {
  status: number
  title: string
  code?: string
  fieldErrors?: Record<string, string[]>
  currentStatus?: string
  currentVersion?: number
  detail?: string
  lockoutEndUtc?: string
}

export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly code?: string
  readonly fieldErrors: Record<string, string[]>
  readonly currentStatus?: string
  readonly currentVersion?: number
  readonly detail?: string
  readonly lockoutEndUtc?: string

  constructor(init: ApiErrorInit) {
    super(init.title)
    this.name = 'ApiError'
    this.status = init.status
    this.title = init.title
    this.code = init.code
    this.fieldErrors = init.fieldErrors ?? {}
    this.currentStatus = init.currentStatus
    this.currentVersion = init.currentVersion
    this.detail = init.detail
    this.lockoutEndUtc = init.lockoutEndUtc
  }

  get isNetwork(): boolean {
    return this.status === 0
  }

  /** Someone else changed the ticket, or it moved to a state where this action no longer applies. */
  get isConflict(): boolean {
    return this.status === 409
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fieldErrors).length > 0
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export const XSRF_COOKIE = 'XSRF-TOKEN'
export const XSRF_HEADER = 'X-XSRF-TOKEN'

export function readCookie(name: string, cookieString: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim())
    }
  }
  return undefined
}

type Unauthorized = (url: string) => void
let unauthorizedHandler: Unauthorized | undefined

/** The router registers what to do on a 401 (go to login with ?redirect=). */
export function onUnauthorized(handler: Unauthorized | undefined): void {
  unauthorizedHandler = handler
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

function asFieldErrors(v: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, msgs] of Object.entries(v as Record<string, unknown>)) {
      if (Array.isArray(msgs)) out[k] = msgs.filter((m): m is string => typeof m === 'string')
      else if (typeof msgs === 'string') out[k] = [msgs]
    }
  }
  return out
}

/** Turns a ProblemDetails body (or whatever came back) into an ApiError. */
export function problemToApiError(status: number, body: unknown, statusText = ''): ApiError {
  const p = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  return new ApiError({
    status,
    title: asString(p.title) ?? (statusText || `HTTP ${status}`),
    code: asString(p.code),
    fieldErrors: asFieldErrors(p.errors),
    currentStatus: asString(p.currentStatus),
    currentVersion: asNumber(p.currentVersion),
    detail: asString(p.detail),
    lockoutEndUtc: asString(p.lockoutEndUtc),
  })
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** Builds `?a=1&status=X&status=Y`, skipping empty values; arrays repeat the key. */
export function buildQuery(params: Record<string, QueryValue>): string {
  const sp = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) {
      for (const item of v) sp.append(k, String(item))
    } else {
      sp.append(k, String(v))
    }
  }
  const s = sp.toString()
  return s ? `?${s}` : ''
}

export interface RequestOptions {
  /** Do not call the global 401 handler (used by login and the session probe). */
  skipAuthRedirect?: boolean
  signal?: AbortSignal
}

const UNSAFE = new Set(['POST', 'PUT', 'DELETE', 'PATCH'])

export async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method.toUpperCase())) {
    const token = readCookie(XSRF_COOKIE)
    if (token) headers[XSRF_HEADER] = token
  }

  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError({ status: 0, title: e instanceof Error ? e.message : 'Network error', code: 'Network' })
  }

  noteServerTime(res.headers?.get(SERVER_TIME_HEADER))
  const text = res.status === 204 ? '' : await res.text().catch(() => '')
  let parsed: unknown = undefined
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
  }

  if (!res.ok) {
    const err = problemToApiError(res.status, parsed, res.statusText)
    if (res.status === 401 && !options.skipAuthRedirect) unauthorizedHandler?.(url)
    throw err
  }
  return parsed as T
}

export const http = {
  get: <T>(url: string, options?: RequestOptions) => request<T>('GET', url, undefined, options),
  post: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('POST', url, body ?? {}, options),
  put: <T>(url: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', url, body ?? {}, options),
  delete: <T>(url: string, options?: RequestOptions) => request<T>('DELETE', url, undefined, options),
}
