import type { LoginRequest, Me } from '@/types'
import { http } from './http'

export const authApi = {
  login: (body: LoginRequest) => http.post<Me>('/api/auth/login', body, { skipAuthRedirect: true }),
  logout: () => http.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true }),
  me: () => http.get<Me>('/api/auth/me', { skipAuthRedirect: true }),
}
