import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { NotificationTemplates } from '@/contract/applications/schemas'
import type { Platform } from '@/platform/types'
import { LoadState } from '@/stores/load-state'
import { appointmentsService } from './api'

/** What the citizen answered to 预约前一天提醒我 (or that asking failed). */
export type ReminderOutcome = 'subscribed' | 'declined' | 'failed'

/**
 * The offer, once after a booking or a 改约, of the day-before reminder by the platform's
 * subscription message (issue 15). The template id is loaded before the offer is shown,
 * because WeChat opens its panel only straight from a tap. Without a template for this
 * platform (H5 preview, not configured) there is no offer: the 消息中心 reminds anyway.
 */
export class ReminderOffer {
  readonly template = new LoadState<NotificationTemplates>()
  /** The booking the offer is about, until it is answered or dismissed. */
  offeredFor: string | undefined = undefined
  asking = false
  outcome: ReminderOutcome | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestSubscribeMessage'>,
  ) {
    makeAutoObservable<ReminderOffer, 'api' | 'platform' | 'loading'>(this, { api: false, platform: false, template: false, loading: false })
  }

  private loading: Promise<void> | undefined = undefined

  /** Loads the template once; a second call waits for the first. */
  load(): Promise<void> {
    if (this.template.status === 'ready') return Promise.resolve()
    if (this.template.status !== 'loading' || !this.loading) this.loading = this.template.run(() => appointmentsService.reminderTemplate(this.api))
    return this.loading
  }

  /** The reminder's template id on this platform; undefined: do not ask. */
  get templateId(): string | undefined {
    return this.template.data?.items.find((item) => item.templateKey === 'appointment_reminder')?.templateId ?? undefined
  }

  /** Offers the reminder for a booking just made or moved; false when there is nothing to offer. */
  offer(appointmentId: string): boolean {
    this.outcome = undefined
    this.offeredFor = this.templateId ? appointmentId : undefined
    return this.offeredFor !== undefined
  }

  /** Asks through the platform's panel (run it straight from the tap) and records the answer. Never throws. */
  async subscribe(): Promise<ReminderOutcome> {
    const templateId = this.templateId
    if (!templateId) return this.settle('declined')
    this.asking = true
    try {
      const decision = (await this.platform.requestSubscribeMessage([templateId]))[templateId]
      // filter / unsupported / unknown: nobody was asked, nothing to record.
      if (decision === 'accept' || decision === 'reject' || decision === 'ban') {
        await appointmentsService.subscribe(this.api, { templateKey: 'appointment_reminder', result: decision })
      }
      return this.settle(decision === 'accept' ? 'subscribed' : 'declined')
    } catch {
      return this.settle('failed')
    }
  }

  private settle(outcome: ReminderOutcome): ReminderOutcome {
    runInAction(() => {
      this.asking = false
      this.outcome = outcome
    })
    return outcome
  }

  /** 不用了: the offer goes, unanswered. */
  dismiss(): void {
    this.offeredFor = undefined
    this.outcome = undefined
  }

  forget(): void {
    this.template.reset()
    this.loading = undefined
    this.dismiss()
    this.asking = false
  }
}
