// Caller phone numbers as docs/API.md defines them:
// a mobile (1[3-9] + 9 digits, optional +86) or a landline (0 + area code, 10-12 digits, dashes allowed).

const MOBILE = /^(?:\+86)?1[3-9]\d{9}$/
const LANDLINE = /^0\d{9,11}$/

/** Removes blanks, and dashes from landlines; keeps what the server validates. */
export function normalizePhone(input: string | null | undefined): string {
  if (!input) return ''
  const compact = input.replace(/\s+/g, '')
  return compact.startsWith('0') ? compact.replace(/-/g, '') : compact
}

export function isMobile(input: string | null | undefined): boolean {
  return MOBILE.test((input ?? '').replace(/\s+/g, ''))
}

export function isLandline(input: string | null | undefined): boolean {
  const compact = (input ?? '').replace(/\s+/g, '')
  if (!compact.startsWith('0') || /--|^-|-$/.test(compact)) return false
  return LANDLINE.test(compact.replace(/-/g, ''))
}

export function isValidPhone(input: string | null | undefined): boolean {
  return isMobile(input) || isLandline(input)
}

/** 13812345678 → 138****5678 (what departments see). Already masked or short values pass through. */
export function maskPhone(input: string | null | undefined): string {
  if (!input) return ''
  if (input.includes('*')) return input
  const p = normalizePhone(input).replace(/^\+86/, '')
  if (p.length < 7) return p
  return `${p.slice(0, 3)}${'*'.repeat(p.length - 7)}${p.slice(-4)}`
}

/** Readable grouping: 138 1234 5678, 010-12345678, 0755-1234567; masked values are shown as given. */
export function formatPhone(input: string | null | undefined): string {
  if (!input) return ''
  if (input.includes('*')) return input
  const raw = input.replace(/\s+/g, '')
  const plus = raw.startsWith('+86') ? '+86 ' : ''
  const p = normalizePhone(raw).replace(/^\+86/, '')
  if (/^1\d{10}$/.test(p)) return `${plus}${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}`
  if (/^0\d{9,11}$/.test(p)) {
    // Two-digit area codes (010, 02x) take 3 characters; the others 4.
    const areaLen = /^0(10|2\d)/.test(p) ? 3 : 4
    return `${p.slice(0, areaLen)}-${p.slice(areaLen)}`
  }
  return input
}
