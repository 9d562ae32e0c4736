// Flat directory lists (departments, areas, categories) → trees for el-cascader and tree tables.

export interface FlatNode {
  id: number
  name: string
  parentId: number | null
  isActive?: boolean
  sortOrder?: number
}

export type CascaderOption = {
  value: number
  label: string
  disabled?: boolean
  children?: CascaderOption[]
}

export type TreeRow<T> = T & { children?: TreeRow<T>[] }

function compare<T extends FlatNode>(a: T, b: T): number {
  const so = (a.sortOrder ?? 0) - (b.sortOrder ?? 0)
  return so !== 0 ? so : a.id - b.id
}

/**
 * Builds a forest from a flat list by parentId. Nodes whose parent is missing (or filtered out) become roots,
 * so nothing is lost; cycles are broken (a node is never placed under its own descendant).
 */
export function buildTree<T extends FlatNode>(items: readonly T[]): TreeRow<T>[] {
  const byId = new Map<number, TreeRow<T>>()
  for (const it of [...items].sort(compare)) byId.set(it.id, { ...it })
  const roots: TreeRow<T>[] = []
  const isAncestor = (candidate: number, of: number): boolean => {
    let cur = byId.get(candidate)
    const seen = new Set<number>()
    while (cur && cur.parentId !== null && !seen.has(cur.id)) {
      seen.add(cur.id)
      if (cur.parentId === of) return true
      cur = byId.get(cur.parentId)
    }
    return false
  }
  for (const node of byId.values()) {
    const parent = node.parentId === null ? undefined : byId.get(node.parentId)
    if (parent && parent.id !== node.id && !isAncestor(parent.id, node.id)) {
      ;(parent.children ??= []).push(node)
    } else {
      roots.push(node)
    }
  }
  return roots
}

/** Cascader options; inactive nodes are left out unless includeInactive (then shown disabled). */
export function toCascaderOptions(items: readonly FlatNode[], includeInactive = false): CascaderOption[] {
  const visible = includeInactive ? items : items.filter((i) => i.isActive !== false)
  const convert = (nodes: TreeRow<FlatNode>[]): CascaderOption[] =>
    nodes.map((n) => {
      const opt: CascaderOption = { value: n.id, label: n.name }
      if (n.isActive === false) opt.disabled = true
      if (n.children?.length) opt.children = convert(n.children)
      return opt
    })
  return convert(buildTree(visible))
}

/** The path of ids from the root to id, for showing a cascader value. */
export function pathTo(items: readonly FlatNode[], id: number | null | undefined): number[] {
  if (id === null || id === undefined) return []
  const byId = new Map(items.map((i) => [i.id, i]))
  const path: number[] = []
  const seen = new Set<number>()
  let cur = byId.get(id)
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id)
    path.unshift(cur.id)
    cur = cur.parentId === null ? undefined : byId.get(cur.parentId)
  }
  return path
}

/** "区 / 街道 / 社区" style full name. */
export function fullName(items: readonly FlatNode[], id: number | null | undefined, sep = ' / '): string {
  const byId = new Map(items.map((i) => [i.id, i]))
  return pathTo(items, id)
    .map((i) => byId.get(i)?.name ?? '')
    .join(sep)
}
