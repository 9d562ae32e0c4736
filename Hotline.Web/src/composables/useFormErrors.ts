import { reactive, watch, type WatchSource } from 'vue'
import type { ApiError } from '@/api/http'

/**
 * Server field keys → the names our el-form-items use: camelCase per segment ("Dispatch.LeadDepartmentId" →
 * "dispatch.leadDepartmentId"), without a JSON-path prefix ("$.callerPhone") and without indexes
 * ("assistDepartmentIds[0]" → "assistDepartmentIds").
 */
export function normalizeFieldKey(key: string): string {
  return key
    .replace(/^\$\.?/, '')
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((s) => s.length > 0)
    .map((s) => s.charAt(0).toLowerCase() + s.slice(1))
    .join('.')
}

export interface MappedFieldErrors {
  /** field name → the message to show beside it (messages of one field joined). */
  fields: Record<string, string>
  /** Messages for which no field on this form exists: show them above the form. */
  unmatched: string[]
}

/**
 * Maps ApiError.fieldErrors onto the fields of a form. `known` lists the form's field names; when given,
 * errors for other fields end up in `unmatched`. `aliases` renames server keys (e.g. "leadDepartmentId" →
 * "dispatch.leadDepartmentId" when one form shows both).
 */
export function mapFieldErrors(
  fieldErrors: Record<string, string[]>,
  known?: readonly string[],
  aliases: Record<string, string> = {},
): MappedFieldErrors {
  const fields: Record<string, string> = {}
  const unmatched: string[] = []
  for (const [rawKey, messages] of Object.entries(fieldErrors)) {
    if (messages.length === 0) continue
    const key = normalizeFieldKey(rawKey)
    const name = aliases[key] ?? key
    const text = messages.join('；')
    if (name && (!known || known.includes(name))) {
      fields[name] = fields[name] ? `${fields[name]}；${text}` : text
    } else {
      unmatched.push(text)
    }
  }
  return { fields, unmatched }
}

/**
 * Reactive field errors for el-form-item `:error`. Pass the form model to clear a field's server error as
 * soon as the user edits that field.
 */
export function useFormErrors(options: { known?: readonly string[]; aliases?: Record<string, string>; model?: WatchSource<Record<string, unknown>> } = {}) {
  const errors = reactive<Record<string, string>>({})
  const general: string[] = reactive([])

  function clear(): void {
    for (const k of Object.keys(errors)) delete errors[k]
    general.splice(0)
  }

  function clearField(name: string): void {
    for (const k of Object.keys(errors)) {
      if (k === name || k.startsWith(`${name}.`)) delete errors[k]
    }
  }

  /** Shows the error's field messages; returns the messages that belong to no field. */
  function apply(error: ApiError): string[] {
    clear()
    const mapped = mapFieldErrors(error.fieldErrors, options.known, options.aliases)
    Object.assign(errors, mapped.fields)
    general.push(...mapped.unmatched)
    return mapped.unmatched
  }

  if (options.model) {
    let previous: Record<string, unknown> = {}
    watch(
      options.model,
      (value) => {
        for (const [k, v] of Object.entries(value)) {
          if (JSON.stringify(previous[k]) !== JSON.stringify(v)) clearField(k)
        }
        previous = JSON.parse(JSON.stringify(value)) as Record<string, unknown>
      },
      { deep: true, immediate: true },
    )
  }

  return { errors, general, apply, clear, clearField }
}
