import type {
  Area,
  AreaInput,
  Category,
  CategoryInput,
  CreateUserInput,
  Department,
  DepartmentInput,
  UpdateUserInput,
  User,
} from '@/types'
import { buildQuery, http } from './http'

const base = '/api/directory'

function crud<T, TInput>(kind: string) {
  return {
    create: (body: TInput) => http.post<T>(`${base}/${kind}`, body),
    update: (id: number, body: TInput) => http.put<T>(`${base}/${kind}/${id}`, body),
    deactivate: (id: number) => http.post<T>(`${base}/${kind}/${id}/deactivate`),
    activate: (id: number) => http.post<T>(`${base}/${kind}/${id}/activate`),
  }
}

export const directoryApi = {
  departments: (includeInactive = false) =>
    http.get<Department[]>(`${base}/departments${buildQuery({ includeInactive })}`),
  areas: () => http.get<Area[]>(`${base}/areas`),
  categories: () => http.get<Category[]>(`${base}/categories`),
  users: () => http.get<User[]>(`${base}/users`),
  department: crud<Department, DepartmentInput>('departments'),
  area: crud<Area, AreaInput>('areas'),
  category: crud<Category, CategoryInput>('categories'),
  user: {
    create: (body: CreateUserInput) => http.post<User>(`${base}/users`, body),
    update: (id: number, body: UpdateUserInput) => http.put<User>(`${base}/users/${id}`, body),
    deactivate: (id: number) => http.post<User>(`${base}/users/${id}/deactivate`),
    activate: (id: number) => http.post<User>(`${base}/users/${id}/activate`),
  },
}
