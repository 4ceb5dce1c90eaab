import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { forgetAll } from '@/stores/forget'
import type { RootStore } from '@/stores/root-store'
import { newIdempotencyKey } from './application-draft'
import { ApplicationRecordsStore } from './application-records-store'
import { ApplyFormStore } from './apply-form-store'
import { MyApplicationsStore } from './my-applications-store'

export { type SubscribeOutcome } from './apply-form-store'
export { APPLICATION_PAGE_SIZE, type ApplicationList } from './my-applications-store'

/**
 * 网上申请, one store per concept: the apply form (`apply`), 我的办件 (`mine`) and one
 * application's timeline with withdrawal (`records`). Pages reach each through this accessor.
 */
export class ApplicationsStore {
  readonly mine: MyApplicationsStore
  readonly records: ApplicationRecordsStore
  readonly apply: ApplyFormStore

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestSubscribeMessage' | 'chooseFile'>,
    private readonly makeKey: () => string = () => newIdempotencyKey(),
  ) {
    this.mine = new MyApplicationsStore(api)
    this.records = new ApplicationRecordsStore(api, () => this.mine.list.reset(), platform)
    this.apply = new ApplyFormStore(
      api,
      platform,
      (detail) => {
        this.records.detail(detail.id).restore(detail, new Date())
        // 我的办件 lacks the new application: fetched again when next shown.
        this.mine.list.reset()
      },
      makeKey,
    )
  }

  /** Forgets everything about this citizen's applications (another person may pick up the phone). */
  forget(): void {
    forgetAll(this, new ApplicationsStore(this.api, this.platform, this.makeKey))
  }
}

/** The ApplicationsStore, built on first use: only the applications subpackage imports this module, so the store stays out of the main package. */
export function applicationsStore(root: RootStore): ApplicationsStore {
  return root.feature('applications', () => new ApplicationsStore(root.api, root.platform))
}
