import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { Toggle } from '@/components/toggle'
import { BINDINGS_PAGE, levelLabel, LOGIN_PAGE, REAL_NAME_PAGE, WHY_FACE } from '@/identity-levels'
import { useStores } from '@/stores/context'
import { ActingSwitch } from './acting-switch'
import { LogoutSection } from './logout-section'

// Subpackage routes as plain strings: importing them from the subpackage would pull it into the main package.
const MY_APPLICATIONS_PAGE = '/packages/applications/pages/my-applications/index'
const MY_FEEDBACK_PAGE = '/packages/applications/pages/my-feedback/index'
const MY_APPOINTMENTS_PAGE = '/packages/appointments/pages/mine/index'
const MY_RESULTS_PAGE = '/packages/results/pages/list/index'

// Baked in at build time from package.json (see config/index.ts defineConstants).
const APP_VERSION = process.env.TARO_APP_VERSION ?? ''

const AccountSection = observer(function AccountSection() {
  const { session } = useStores()
  if (!session.loggedIn) {
    return (
      <View className='gm-section gm-card'>
        <Text className='gm-card__text'>登录后可办理个人事项，查看您的证照、社保等信息。</Text>
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>
          登录
        </Button>
      </View>
    )
  }
  const profile = session.profile.data
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>我的账号</Text>
      <PageState state={session.profile} emptyText='' onRetry={() => session.loadProfile()}>
        {profile && (
          <View>
            {profile.citizen && (
              <View>
                <View className='gm-list-row'>
                  <Text className='gm-list-row__label'>姓名</Text>
                  <Text className='gm-list-row__value'>{profile.citizen.name}</Text>
                </View>
                <View className='gm-list-row'>
                  <Text className='gm-list-row__label'>身份证号</Text>
                  <Text className='gm-list-row__value'>{profile.citizen.idNumber}</Text>
                </View>
                {profile.citizen.phone && (
                  <View className='gm-list-row'>
                    <Text className='gm-list-row__label'>手机号</Text>
                    <Text className='gm-list-row__value'>{profile.citizen.phone}</Text>
                  </View>
                )}
              </View>
            )}
            <View className='gm-list-row'>
              <Text className='gm-list-row__label'>认证状态</Text>
              <Text className='gm-list-row__value'>{levelLabel(profile.level)}</Text>
            </View>
            {profile.level === 3 && <Text className='gm-hint'>{WHY_FACE}</Text>}
            {profile.level < 4 && (
              <View className='gm-actions'>
                <Button className='gm-button' onClick={() => Taro.navigateTo({ url: REAL_NAME_PAGE })}>
                  {profile.level < 3 ? '去实名认证' : '去人脸核验'}
                </Button>
              </View>
            )}
            {(profile.bindingNotices ?? 0) > 0 && (
              <View className='gm-section gm-card' ariaRole='alert'>
                <Text className='gm-card__title'>有新的账号绑定了您的身份</Text>
                <Text className='gm-card__text'>如果不是您本人操作，请立即查看并解除绑定。</Text>
                <Button className='gm-button' onClick={() => Taro.navigateTo({ url: BINDINGS_PAGE })}>
                  查看绑定记录
                </Button>
              </View>
            )}
            {profile.level >= 4 && (
              <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: BINDINGS_PAGE })}>
                <Text className='gm-list-row__label'>账号绑定记录</Text>
                <Text className='gm-list-row__value'>哪些账号绑定了您的身份</Text>
              </View>
            )}
          </View>
        )}
      </PageState>
    </View>
  )
})

function MinePage() {
  const { ui, session } = useStores()
  useDidShow(() => {
    if (session.loggedIn) void session.loadProfile()
  })
  return (
    <Screen>
      <ActingSwitch />
      <AccountSection />
      {session.loggedIn && (
        <View className='gm-section'>
          <Text className='gm-section__title'>我的办事</Text>
          <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: MY_APPLICATIONS_PAGE })}>
            <Text className='gm-list-row__label'>我的办件</Text>
            <Text className='gm-list-row__value'>办理进度、评价</Text>
          </View>
          <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: MY_APPOINTMENTS_PAGE })}>
            <Text className='gm-list-row__label'>我的预约</Text>
            <Text className='gm-list-row__value'>预约码、改约、取消</Text>
          </View>
          <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: MY_RESULTS_PAGE })}>
            <Text className='gm-list-row__label'>我的证明</Text>
            <Text className='gm-list-row__value'>电子证明、款项、证件领取</Text>
          </View>
          <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => Taro.navigateTo({ url: MY_FEEDBACK_PAGE })}>
            <Text className='gm-list-row__label'>我的投诉建议</Text>
            <Text className='gm-list-row__value'>查看答复</Text>
          </View>
        </View>
      )}
      <View className='gm-section gm-settings'>
        <Text className='gm-section__title'>设置</Text>
        <Toggle label='长辈模式' description='字更大，按钮更大，常用服务优先' checked={ui.elderlyMode} onChange={(on) => ui.setElderlyMode(on)} />
      </View>
      <View className='gm-section'>
        <Text className='gm-section__title'>关于</Text>
        <View className='gm-list-row'>
          <Text className='gm-list-row__label'>版本</Text>
          <Text className='gm-list-row__value'>{APP_VERSION}</Text>
        </View>
      </View>
      <LogoutSection />
    </Screen>
  )
}

export default observer(MinePage)
