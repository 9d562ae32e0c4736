import { computed, shallowRef } from 'vue'
import { directoryApi } from '@/api/directory'
import type { Area, Category, Department } from '@/types'
import { toCascaderOptions } from '@/utils/tree'

// Module-level cache of the directory: every page shares one copy; admin pages reload after changes.
const departments = shallowRef<Department[]>([])
const areas = shallowRef<Area[]>([])
const categories = shallowRef<Category[]>([])
const pending: Partial<Record<'departments' | 'areas' | 'categories', Promise<void>>> = {}
const loaded = { departments: false, areas: false, categories: false }

async function load(kind: 'departments' | 'areas' | 'categories', force = false): Promise<void> {
  if (loaded[kind] && !force) return
  if (pending[kind] && !force) return pending[kind]
  const p = (async () => {
    try {
      if (kind === 'departments') departments.value = await directoryApi.departments(true)
      else if (kind === 'areas') areas.value = await directoryApi.areas()
      else categories.value = await directoryApi.categories()
      loaded[kind] = true
    } finally {
      delete pending[kind]
    }
  })()
  pending[kind] = p
  return p
}

export function resetDirectoryCache(): void {
  departments.value = []
  areas.value = []
  categories.value = []
  loaded.departments = loaded.areas = loaded.categories = false
}

export function useDirectory() {
  const activeDepartments = computed(() => departments.value.filter((d) => d.isActive))
  const categoryOptions = computed(() => toCascaderOptions(categories.value))
  const areaOptions = computed(() => toCascaderOptions(areas.value))
  const departmentName = (id: number | null | undefined) => departments.value.find((d) => d.id === id)?.name ?? ''

  return {
    departments,
    areas,
    categories,
    activeDepartments,
    categoryOptions,
    areaOptions,
    departmentName,
    ensure: (...kinds: ('departments' | 'areas' | 'categories')[]) => Promise.all(kinds.map((k) => load(k))),
    reload: (...kinds: ('departments' | 'areas' | 'categories')[]) => Promise.all(kinds.map((k) => load(k, true))),
  }
}
