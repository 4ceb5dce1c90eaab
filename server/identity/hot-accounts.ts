import type { HotCache } from '../cache/hot-cache'
import type { Account, AccountsRepository } from './accounts'

/**
 * Accounts with in-process copies (../cache/hot-cache.ts): every authenticated request reads
 * its account (level, roles, citizen). A level or role change through this repository
 * invalidates the copy on every node; other writers (a binding removed in a transaction)
 * call `hot.invalidate(accountId)` themselves after their commit.
 */
export function withHotAccounts(accounts: AccountsRepository, hot: HotCache<unknown>): AccountsRepository {
  return {
    ...accounts,
    peek: (id) => hot.get(id) as Account | undefined,
    async findById(id) {
      const copy = hot.get(id) as Account | undefined
      if (copy) return copy
      const remember = hot.begin()
      const account = await accounts.findById(id)
      if (account) remember(id, account)
      return account
    },
    async recordLogin(identity, now) {
      const account = await accounts.recordLogin(identity, now)
      hot.invalidate(account.id)
      return account
    },
    async setCitizenAndLevel(accountId, citizenId, level) {
      await accounts.setCitizenAndLevel(accountId, citizenId, level)
      hot.invalidate(accountId)
    },
    async grantRole(accountId, role, now) {
      await accounts.grantRole(accountId, role, now)
      hot.invalidate(accountId)
    },
  }
}
