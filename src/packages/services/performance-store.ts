import { makeAutoObservable } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { DepartmentRanking, ServicePerformance } from '@/contract/performance/schemas'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import type { RootStore } from '@/stores/root-store'

const performanceApi = {
  service: (api: ApiClient, code: string) => api.get<ServicePerformance>(`/api/services/${encodeURIComponent(code)}/performance`),
  departments: (api: ApiClient) => api.get<DepartmentRanking>('/api/performance/departments'),
}

/**
 * 办事公开: a service's published figures (on its 办事指南) and the department ranking. Public
 * aggregate figures, nothing personal; forget() still resets it like every feature store.
 */
export class PerformanceStore {
  readonly ranking = new LoadState<DepartmentRanking>((data) => data.departments.length === 0)
  private readonly services = new Map<string, LoadState<ServicePerformance>>()

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<PerformanceStore, 'api' | 'services'>(this, { api: false, services: false })
  }

  service(code: string): LoadState<ServicePerformance> {
    let state = this.services.get(code)
    if (!state) this.services.set(code, (state = new LoadState<ServicePerformance>()))
    return state
  }

  loadService(code: string): Promise<void> {
    return this.service(code).run(() => performanceApi.service(this.api, code))
  }

  loadRanking(): Promise<void> {
    return this.ranking.run(() => performanceApi.departments(this.api))
  }

  forget(): void {
    forgetAll(this, new PerformanceStore(this.api))
  }
}

export function performanceStore(root: RootStore): PerformanceStore {
  return root.feature('performance', () => new PerformanceStore(root.api))
}
