import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '@/api/api-client'
import type { DelegationScope } from '@/contract/delegations/data'
import type { Delegation, DelegationList } from '@/contract/delegations/schemas'
import type { Platform } from '@/platform/types'
import { forgetAll } from '@/stores/forget'
import { LoadState } from '@/stores/load-state'
import { Mutation } from '@/stores/mutation'
import type { RootStore } from '@/stores/root-store'
import { familyApi } from './api'

/**
 * 亲情代办: the lists (whom I help, who helps me, what was done for me), inviting, the
 * principal's consent, the face verification of a principal without a phone on the helper's
 * device, and ending from either side. The principal's name and ID number typed on the invite
 * page stay in that page (the face step needs them); this store keeps only masked views.
 */
export class FamilyStore {
  readonly list = new LoadState<DelegationList>((data) => data.asHelper.length === 0 && data.asPrincipal.length === 0 && data.actsForMe.length === 0)
  readonly inviting = new Mutation()
  readonly answering = new Mutation()
  readonly ending = new Mutation()
  readonly verifying = new Mutation()
  /** The invitation just sent (invite page), then active once the principal's face was verified here. */
  invited: Delegation | undefined = undefined
  /** The principal's answer on the consent page. */
  answered: Delegation | undefined = undefined

  constructor(
    private readonly api: ApiClient,
    private readonly platform: Pick<Platform, 'startFaceVerification'>,
    /** Called when a delegation the citizen is acting under ends, so 为谁办理 goes back to 本人. */
    private readonly onEnded: (id: string) => void,
  ) {
    makeAutoObservable<FamilyStore, 'api' | 'platform' | 'onEnded'>(this, { api: false, platform: false, onEnded: false, list: false, inviting: false, answering: false, ending: false, verifying: false })
  }

  load(): Promise<void> {
    return this.list.run(() => familyApi.list(this.api))
  }

  find(id: string): Delegation | undefined {
    const data = this.list.data
    return data ? [...data.asHelper, ...data.asPrincipal].find((delegation) => delegation.id === id) : undefined
  }

  invite(input: { name: string; idNumber: string; scopes: DelegationScope[]; endsOn: string }): Promise<boolean> {
    return this.inviting.run(async () => {
      const invited = await familyApi.invite(this.api, input)
      runInAction(() => (this.invited = invited))
    })
  }

  /** The principal, on their own account: yes (consent) or no (the invitation ends). */
  answer(id: string, yes: boolean): Promise<boolean> {
    return this.answering.run(async () => {
      const answered = yes ? await familyApi.consent(this.api, id) : await familyApi.end(this.api, id)
      runInAction(() => (this.answered = answered))
    })
  }

  end(id: string): Promise<boolean> {
    return this.ending.run(async () => {
      await familyApi.end(this.api, id)
      this.onEnded(id)
      await this.load()
    })
  }

  /** For a principal without a phone, present beside the helper: the platform checks THEIR face against their name and ID number. */
  verifyFaceOfPrincipal(name: string, idNumber: string): Promise<boolean> {
    const invited = this.invited
    if (!invited) return Promise.resolve(false)
    return this.verifying.run(async () => {
      const started = await familyApi.startFace(this.api, invited.id)
      const evidence = await this.platform.startFaceVerification({ name, idNumber, certifyId: started.certifyId, url: started.url })
      const active = await familyApi.confirmFace(this.api, invited.id, started.verificationId, evidence.verifyResult)
      runInAction(() => (this.invited = active))
    })
  }

  /** A new invitation starts from an empty page. */
  startOver(): void {
    this.invited = undefined
    this.inviting.reset()
    this.verifying.reset()
  }

  forget(): void {
    forgetAll(this, new FamilyStore(this.api, this.platform, this.onEnded))
  }
}

export function familyStore(root: RootStore): FamilyStore {
  return root.feature(
    'family',
    (r) =>
      new FamilyStore(r.api, r.platform, (id) => {
        if (r.acting.current?.delegationId === id) r.switchPerson(undefined)
      }),
  )
}
