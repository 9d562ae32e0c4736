import { describe, expect, it } from 'vitest'
import { metricsApi, pct } from '@/api/metrics'
import { canOpen, menuRouteNames } from '@/router/menu'
import routes from '@/router/modules/metrics'

describe('metrics', () => {
  it('shows a rate as a percentage with two decimals, and a missing one as a dash', () => {
    expect(pct(0.6667)).toBe('66.67%')
    expect(pct(1)).toBe('100.00%')
    expect(pct(0)).toBe('0.00%')
    expect(pct(null)).toBe('—')
  })
  it('builds the export links with the period', () => {
    expect(metricsApi.exportUrl('2026-11-01', '2026-11-30')).toBe('/api/metrics/departments/export?from=2026-11-01&to=2026-11-30')
    expect(metricsApi.bulletinExportUrl(42)).toBe('/api/metrics/bulletins/42/export')
  })
  it('keeps the dashboard from liaisons but lets them read the ranking and the bulletins', () => {
    const dashboard = routes.find((r) => r.name === 'metrics-dashboard')!
    expect(canOpen(dashboard, 'Liaison')).toBe(false)
    expect(canOpen(dashboard, 'Supervisor')).toBe(true)
    expect(menuRouteNames('Liaison')).toContain('metrics-departments')
    expect(menuRouteNames('Agent')).not.toContain('metrics-bulletins')
  })
})
