import { makeAutoObservable, runInAction } from 'mobx'
import type { ApplicationPayment } from '@/contract/payments/schemas'
import type { Platform } from '@/platform/types'
import type { ApiClient } from '@/api/api-client'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { paymentService } from '../payment-api'

/**
 * 缴费 of one application at a time: its fee and order (kept per application), and paying:
 * the server makes the order, the platform's cashier takes the money, then the server is asked
 * (it asks WeChat Pay / Alipay) — what the cashier said is never taken as proof.
 */
export class PaymentStore {
  private readonly payments = new Map<string, LoadState<ApplicationPayment>>()
  readonly payCall = new Mutation()
  /** Said after the citizen closed the cashier: not an error, nothing was paid. */
  cancelled = false

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'requestPayment'>,
  ) {
    makeAutoObservable<PaymentStore, 'api' | 'platform' | 'payments'>(this, { api: false, platform: false, payments: false, payCall: false })
  }

  payment(id: string): LoadState<ApplicationPayment> {
    let state = this.payments.get(id)
    if (!state) {
      state = new LoadState<ApplicationPayment>()
      this.payments.set(id, state)
    }
    return state
  }

  load(id: string): Promise<void> {
    return this.payment(id).run(() => paymentService.payment(this.api, id))
  }

  async pay(id: string): Promise<void> {
    this.cancelled = false
    await this.payCall.run(
      async () => {
        const started = await paymentService.start(this.api, id)
        runInAction(() => this.payment(id).restore(started.payment, new Date()))
        const evidence = await this.platform.requestPayment(started.pay)
        const confirmed = await paymentService.confirm(this.api, id, evidence)
        runInAction(() => this.payment(id).restore(confirmed, new Date()))
      },
      (error) => {
        if (error.code !== 'CANCELLED') return false
        this.cancelled = true
        return true
      },
    )
    // Whatever happened, show what the server knows now (a payment may have gone through regardless).
    if (this.payCall.error || this.cancelled) void this.load(id)
  }

  forget(): void {
    this.payments.forEach((state) => state.reset())
    forgetAll(this, new PaymentStore(this.api, this.platform))
  }
}

/** The PaymentStore, built on first use by the applications subpackage. */
export function paymentStore(root: RootStore): PaymentStore {
  return root.feature('payments', () => new PaymentStore(root.api, root.platform))
}
