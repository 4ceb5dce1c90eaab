import { Switch, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Screen } from '../../components/screen'
import { useStores } from '../../stores/context'

// Baked in at build time from package.json (see config/index.ts defineConstants).
const APP_VERSION = process.env.TARO_APP_VERSION ?? ''

function MinePage() {
  const { ui } = useStores()
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-section__title'>设置</Text>
        <View className='gm-list-row'>
          <Text className='gm-list-row__label'>长辈模式</Text>
          <Switch
            checked={ui.elderlyMode}
            ariaLabel='长辈模式：字更大，按钮更大，常用服务优先'
            onChange={(event) => ui.setElderlyMode(event.detail.value)}
          />
        </View>
      </View>
      <View className='gm-section'>
        <Text className='gm-section__title'>关于</Text>
        <View className='gm-list-row'>
          <Text className='gm-list-row__label'>版本</Text>
          <Text className='gm-list-row__value'>{APP_VERSION}</Text>
        </View>
      </View>
    </Screen>
  )
}

export default observer(MinePage)
