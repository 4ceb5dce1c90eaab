import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { appointmentsStore } from '@/packages/appointments/appointments-store'
import { AppointmentCard } from '@/packages/appointments/components/appointment-card'
import '@/packages/appointments/appointments.css'

/** 我的预约: bookings still ahead first, then cancelled and attended ones. */
function MyAppointmentsPage() {
  const store = useFeatureStore(appointmentsStore)
  const load = () => store.loadMine()
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const items = store.mine.data
  return (
    <Screen>
      <View className='gm-section'>
        <Text className='gm-section__title'>我的预约</Text>
        <PageState state={store.mine} emptyText='您还没有预约。在需要预约的事项的办事指南里点“预约办理”即可预约。' onRetry={() => void load()}>
          {items && (
            <View>
              {items.map((appointment) => (
                <AppointmentCard key={appointment.id} appointment={appointment} />
              ))}
            </View>
          )}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(MyAppointmentsPage)
