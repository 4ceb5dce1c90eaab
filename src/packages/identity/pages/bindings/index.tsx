import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { BindingsResponse, BoundAccount } from '@/contract/identity/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { ApiError } from '@/platform/api-error'
import { identityService } from '@/api/identity'
import { LoadState } from '@/stores/load-state'
import { useStores } from '@/stores/context'
import '@/packages/identity/identity.css'

/**
 * 账号绑定记录: the accounts bound to the citizen's identity and what happened to them.
 * Anyone who knows a name and an ID number can bind an account (it then sees nothing
 * personal until it passes face verification), so a new binding is shown here and on the
 * mine page until the citizen says it was them, or removes it.
 */
function BindingsPage() {
  const root = useStores()
  const [bindings] = useState(() => new LoadState<BindingsResponse>((data) => data.accounts.length === 0))
  const [confirming, setConfirming] = useState<string | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | undefined>(undefined)
  const load = () => bindings.run(() => identityService.bindings(root.api))
  useDidShow(() => void load())

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await action()
      setConfirming(undefined)
      await Promise.all([load(), root.session.loadProfile()])
    } catch (cause) {
      setError(cause instanceof ApiError ? cause : new ApiError('INTERNAL'))
    } finally {
      setBusy(false)
    }
  }
  const data = bindings.data
  const unseen = data?.events.filter((event) => event.unseen) ?? []

  return (
    <Screen>
      <PageState state={bindings} emptyText='暂无绑定的账号' onRetry={() => void load()}>
        {data && (
          <View>
            {unseen.length > 0 && (
              <View className='gm-section gm-binding-notice' ariaRole='alert'>
                {unseen.map((event) => (
                  <Text key={event.id} className='gm-binding-row__title'>{event.text}</Text>
                ))}
                <Text>如果是您本人在新手机或另一个平台上登录，请点“是我本人”。如果不是您，请在下方对该账号点“解除绑定”：解除后它立即无法再使用您的身份。</Text>
                {error && <AlertText>{error.message}</AlertText>}
                <Button className='gm-button' loading={busy} disabled={busy || undefined} onClick={() => void act(() => identityService.acknowledgeBindings(root.api))}>
                  是我本人
                </Button>
              </View>
            )}
            <View className='gm-section'>
              <Text className='gm-section__title'>已绑定您身份的账号</Text>
              {data.accounts.map((account) => (
                <AccountRow
                  key={account.accountId}
                  account={account}
                  confirming={confirming === account.accountId}
                  busy={busy}
                  error={confirming === account.accountId ? error : undefined}
                  onAsk={() => setConfirming(account.accountId)}
                  onCancel={() => setConfirming(undefined)}
                  onRemove={() => void act(() => identityService.removeBinding(root.api, account.accountId))}
                />
              ))}
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>最近的绑定记录</Text>
              {data.events.length === 0 ? (
                <Text className='gm-hint'>暂无记录</Text>
              ) : (
                data.events.map((event) => (
                  <View key={event.id} className='gm-binding-row'>
                    <Text className='gm-binding-row__title'>{event.text}</Text>
                  </View>
                ))
              )}
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

interface AccountRowProps {
  account: BoundAccount
  confirming: boolean
  busy: boolean
  error: ApiError | undefined
  onAsk(): void
  onCancel(): void
  onRemove(): void
}

/** One bound account; removing asks once more, inline (no pop-up, so it suits elderly mode). */
function AccountRow({ account, confirming, busy, error, onAsk, onCancel, onRemove }: AccountRowProps) {
  const title = account.current ? `${account.platformName}账号（本账号）` : `${account.platformName}账号`
  const state = account.proven ? '已完成人脸核验' : '仅核对了姓名和身份证号，未核验本人，看不到您的个人信息'
  return (
    <View className='gm-binding-row'>
      <Text className='gm-binding-row__title'>{title}</Text>
      <Text className='gm-binding-row__meta'>{`绑定于 ${account.boundAt.slice(0, 10)} · ${state}`}</Text>
      {!account.current && !confirming && (
        <Button className='gm-button gm-button--secondary' ariaLabel={`解除${title}的绑定`} onClick={onAsk}>
          解除绑定
        </Button>
      )}
      {confirming && (
        <View className='gm-binding-notice' ariaRole='group' ariaLabel='确认解除绑定'>
          <Text>{`确定解除该${account.platformName}账号的绑定吗？解除后它立即无法再使用您的身份，如需再用要重新实名认证并人脸核验。`}</Text>
          {error && <AlertText>{error.message}</AlertText>}
          <Button className='gm-button' loading={busy} disabled={busy || undefined} onClick={onRemove}>
            确认解除
          </Button>
          <Button className='gm-button gm-button--secondary' onClick={onCancel}>
            取消
          </Button>
        </View>
      )}
    </View>
  )
}

export default observer(BindingsPage)
