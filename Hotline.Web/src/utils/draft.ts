// Small sessionStorage helpers so nothing typed is lost on a failed submit or a reload.

export function loadDraft<T>(key: string): Partial<T> | undefined {
  try {
    const raw = sessionStorage.getItem(key)
    if (!raw) return undefined
    const v: unknown = JSON.parse(raw)
    return v && typeof v === 'object' ? (v as Partial<T>) : undefined
  } catch {
    return undefined
  }
}

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value))
  } catch {
    // storage full or disabled: the form still works, only the draft is not kept
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(key)
  } catch {
    // ignore
  }
}
