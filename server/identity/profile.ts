import type { Profile } from '../../src/contract/identity/schemas'
import { maskCitizen } from '../privacy/masking'
import type { Account } from './accounts'
import type { IdentityContext } from './context'

/** The profile a client sees: the account, its level and roles, and its citizen masked. */
export async function buildProfile(context: IdentityContext, account: Account): Promise<Profile> {
  const profile: Profile = { accountId: account.id, platform: account.platform, level: account.level, roles: account.roles }
  if (account.citizenId) {
    const citizen = await context.citizens.findById(account.citizenId)
    if (citizen) {
      const masked = maskCitizen(citizen)
      // A claimed identity (level 3) shows only what the claimant typed, masked: even the
      // masked phone is the citizen's, not theirs to see until face verification.
      if (account.level < 4) delete masked.phone
      profile.citizen = masked
    }
    // A proven account is told when someone else binds this identity (server/identity/README.md).
    if (account.level >= 4) profile.bindingNotices = (await context.bindings.list(account)).unseenCount
  }
  return profile
}
