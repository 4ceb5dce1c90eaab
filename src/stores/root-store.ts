import type { Platform } from '../platform/types'
import { createApiClient, type ApiClient } from '../services/api-client'
import { ApplicationsStore } from './applications-store'
import { CatalogueStore } from './catalogue-store'
import { CertificatesStore } from './certificates-store'
import { EvaluationsStore } from './evaluations-store'
import { FeedbackStore } from './feedback-store'
import { HealthCodeStore } from './health-code-store'
import { NoticesStore } from './notices-store'
import { SessionStore } from './session-store'
import { SocialSecurityStore } from './social-security-store'
import { UiStore } from './ui-store'

/** Builds the domain stores and the UI store around one platform (the transport). */
export class RootStore {
  readonly ui: UiStore
  readonly session: SessionStore
  readonly api: ApiClient
  readonly notices: NoticesStore
  readonly healthCode: HealthCodeStore
  readonly socialSecurity: SocialSecurityStore
  readonly certificates: CertificatesStore
  readonly applications: ApplicationsStore
  readonly evaluations: EvaluationsStore
  readonly feedback: FeedbackStore
  readonly catalogue: CatalogueStore

  constructor(readonly platform: Platform) {
    this.ui = new UiStore(platform)
    this.session = new SessionStore(platform)
    this.api = createApiClient(platform, { token: () => this.session.token, renew: () => this.session.renew() })
    this.session.attach(this.api)
    this.notices = new NoticesStore(this.api)
    this.healthCode = new HealthCodeStore(this.api, platform)
    this.socialSecurity = new SocialSecurityStore(this.api)
    this.certificates = new CertificatesStore(this.api, platform)
    this.applications = new ApplicationsStore(this.api, platform)
    this.evaluations = new EvaluationsStore(this.api)
    this.feedback = new FeedbackStore(this.api)
    this.catalogue = new CatalogueStore(this.api, platform)
  }

  /** Logs out and forgets every personal thing kept on the device (another person may pick it up). */
  async logout(): Promise<void> {
    await this.session.logout()
    this.healthCode.forget()
    this.socialSecurity.forget()
    this.certificates.forget()
    this.applications.forget()
    this.evaluations.forget()
    this.feedback.forget()
    this.catalogue.forget()
  }
}
