import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { AlertText } from '@/components/alert-text'
import { Screen } from '@/components/screen'
import { useStores } from '@/stores/context'

/** Back to where the citizen came from, or to the mine page when login was the first page. */
function leave() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: '/pages/mine/index' })
}

function LoginPage() {
  const { session, platform } = useStores()
  const sandbox = platform.loginMethod === 'sandbox'

  useLoad(() => {
    if (sandbox) void session.loadSandboxCitizens()
  })

  const loginWith = async (attempt: () => Promise<boolean>) => {
    if (await attempt()) leave()
  }

  return (
    <Screen>
      <View className='gm-section gm-card'>
        <Text className='gm-card__title'>登录掌上政务</Text>
        <Text className='gm-card__text'>
          {sandbox
            ? '这是浏览器预览版，请选择一个测试身份登录。测试身份均为虚构数据。'
            : `我们只获取您在${platform.hostName}的账号标识，用于识别您的身份；身份证号等实名信息只在您主动认证后使用。`}
        </Text>
        {session.loginError && (
          <AlertText>{session.loginError.message}</AlertText>
        )}
        {!sandbox && (
          <Button className='gm-button' loading={session.loggingIn} disabled={session.loggingIn || undefined} onClick={() => loginWith(() => session.login())}>
            {`${platform.hostName}一键登录`}
          </Button>
        )}
      </View>
      {sandbox && (
        <View className='gm-section'>
          <Text className='gm-section__title'>测试身份</Text>
          <PageState state={session.sandboxCitizens} emptyText='体验登录未开启，请使用微信或支付宝小程序登录' onRetry={() => session.loadSandboxCitizens()}>
            {session.sandboxCitizens.data?.map((citizen) => (
              <View
                key={citizen.code}
                className='gm-list-row gm-list-row--action'
                ariaRole='button'
                onClick={() => loginWith(() => session.chooseSandboxCitizen(citizen.code))}
              >
                <Text className='gm-list-row__label'>{citizen.label}</Text>
                <Text className='gm-list-row__value'>{citizen.description}</Text>
              </View>
            ))}
          </PageState>
        </View>
      )}
    </Screen>
  )
}

export default observer(LoginPage)
