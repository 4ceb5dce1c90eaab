import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { appointmentsStore } from '@/packages/appointments/appointments-store'
import '@/packages/appointments/appointments.css'

/** A plain confirmation page instead of a pop-up (elderly mode allows none): what is cancelled, and two clear choices. */
function CancelPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const store = useFeatureStore(appointmentsStore)
  useLoad(() => {
    store.cancelling.reset()
    if (store.detail.data?.id !== id) void store.loadDetail(id)
  })
  const back = () => void Taro.navigateBack().catch(() => undefined)
  const appointment = store.detail.data?.id === id ? store.detail.data : undefined
  return (
    <Screen>
      <PageState state={store.detail} emptyText='没有找到该预约。' onRetry={() => void store.loadDetail(id)}>
        {appointment && (
          <View className='gm-appt-confirm'>
            {appointment.status === 'cancelled' ? (
              <View className='gm-appt-confirm__body'>
                <Text className='gm-appt-summary__title'>预约已取消</Text>
                <Text>{`${appointment.itemName}，${appointment.when}，${appointment.hall.name}。名额已释放，如需办理可重新预约。`}</Text>
                <Button className='gm-button' onClick={back}>返回</Button>
              </View>
            ) : (
              <View className='gm-appt-confirm__body'>
                <Text className='gm-appt-summary__title'>确定取消这个预约吗？</Text>
                <Text>{`${appointment.itemName}`}</Text>
                <Text>{`${appointment.when}`}</Text>
                <Text>{`${appointment.hall.name}`}</Text>
                <Text>取消后名额会让给其他人，如需办理要重新预约。</Text>
                {store.cancelling.error && <AlertText>{store.cancelling.error.message}</AlertText>}
                {/* `|| undefined`: Taro's H5 button greys itself out for disabled={false} too. */}
                <Button className='gm-button' disabled={store.cancelling.busy || undefined} onClick={() => void store.cancel(id)}>
                  {store.cancelling.busy ? '正在取消…' : '确定取消'}
                </Button>
                <Button className='gm-button gm-button--secondary' onClick={back}>不取消，返回</Button>
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(CancelPage)
