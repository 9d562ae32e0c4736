// The responsibility-list rule form, its payload, and the row errors of a CSV import, as plain functions (tested).
import type { ApiError } from '@/api/http'
import { normalizeFieldKey } from '@/composables/useFormErrors'
import type { AppealType, Channel, RoutingRule, SaveRoutingRule } from '@/types'

export const RULE_LIMITS = { name: 100, keyword: 50, keywords: 50, assists: 10, priority: 10000 } as const

/** The form's field names, as the server names them in a 400. */
export const RULE_FIELDS = [
  'name',
  'categoryId',
  'areaId',
  'appealType',
  'channel',
  'keywords',
  'excludedKeywords',
  'leadDepartmentId',
  'assistDepartmentIds',
  'priority',
  'effectiveFromUtc',
  'effectiveToUtc',
] as const

/** Server keys shown at another field of this form. */
export const RULE_FIELD_ALIASES: Record<string, string> = { leadTerritorial: 'leadDepartmentId', assistTerritorial: 'assistDepartmentIds' }

export type LeadMode = 'department' | 'territorial'

export interface RuleForm {
  name: string
  categoryId: number | null
  areaId: number | null
  appealType: AppealType | null
  channel: Channel | null
  keywords: string[]
  excludedKeywords: string[]
  leadMode: LeadMode
  leadDepartmentId: number | null
  assistDepartmentIds: number[]
  assistTerritorial: boolean
  priority: number
  effectiveFrom: Date | null
  effectiveTo: Date | null
}

export function emptyRuleForm(): RuleForm {
  return {
    name: '',
    categoryId: null,
    areaId: null,
    appealType: null,
    channel: null,
    keywords: [],
    excludedKeywords: [],
    leadMode: 'department',
    leadDepartmentId: null,
    assistDepartmentIds: [],
    assistTerritorial: false,
    priority: 0,
    effectiveFrom: null,
    effectiveTo: null,
  }
}

const toDate = (iso: string | null): Date | null => (iso ? new Date(iso) : null)

export function ruleToForm(rule: RoutingRule): RuleForm {
  return {
    name: rule.name,
    categoryId: rule.categoryId,
    areaId: rule.areaId,
    appealType: rule.appealType,
    channel: rule.channel,
    keywords: [...rule.keywords],
    excludedKeywords: [...rule.excludedKeywords],
    leadMode: rule.leadTerritorial ? 'territorial' : 'department',
    leadDepartmentId: rule.leadTerritorial ? null : rule.leadDepartmentId,
    assistDepartmentIds: [...rule.assistDepartmentIds],
    assistTerritorial: rule.assistTerritorial,
    priority: rule.priority,
    effectiveFrom: toDate(rule.effectiveFromUtc),
    effectiveTo: toDate(rule.effectiveToUtc),
  }
}

/** Keywords as typed: trimmed, empties and repeats (ignoring case) dropped, in the order given. */
export function cleanKeywords(words: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const w of words) {
    const v = w.trim()
    const key = v.toLowerCase()
    if (!v || seen.has(key)) continue
    seen.add(key)
    out.push(v)
  }
  return out
}

/** The SaveRoutingRule body: exactly one of a lead department and the territorial lead; instants in UTC. */
export function buildRulePayload(form: RuleForm): SaveRoutingRule {
  const territorial = form.leadMode === 'territorial'
  const lead = territorial ? null : form.leadDepartmentId
  return {
    name: form.name.trim(),
    categoryId: form.categoryId,
    areaId: form.areaId,
    appealType: form.appealType,
    channel: form.channel,
    keywords: cleanKeywords(form.keywords),
    excludedKeywords: cleanKeywords(form.excludedKeywords),
    leadDepartmentId: lead,
    leadTerritorial: territorial,
    assistDepartmentIds: form.assistDepartmentIds.filter((id) => id !== lead),
    assistTerritorial: form.assistTerritorial,
    priority: Math.trunc(Number(form.priority) || 0),
    effectiveFromUtc: form.effectiveFrom ? form.effectiveFrom.toISOString() : null,
    effectiveToUtc: form.effectiveTo ? form.effectiveTo.toISOString() : null,
  }
}

// ---- CSV import errors ------------------------------------------------------------------------------

export interface ImportErrorRow {
  /** The spreadsheet row (the header is row 1); null for errors about the whole file. */
  row: number | null
  /** The request field name (categoryId, leadDepartmentId, …) or "file". */
  field: string
  message: string
}

const ROW_KEY = /^rows\[(\d+)\]\.?(.*)$/

/** A 400 of POST /api/routing/import → one line per message, sorted by row (file-level errors first). */
export function importErrorRows(error: Pick<ApiError, 'fieldErrors'>): ImportErrorRow[] {
  const out: ImportErrorRow[] = []
  for (const [key, messages] of Object.entries(error.fieldErrors)) {
    const m = ROW_KEY.exec(key)
    const row = m ? Number(m[1]) : null
    const field = m ? normalizeFieldKey(m[2] ?? '') || 'row' : normalizeFieldKey(key) || 'file'
    for (const message of messages) out.push({ row, field, message })
  }
  return out.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || a.field.localeCompare(b.field))
}
