import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useRef } from 'react'
import { AlertText } from '@/components/alert-text'
import { LabelValueRow } from '@/components/label-value-row'
import { PageState } from '@/components/page-state'
import { QrCanvas } from '@/components/qr-canvas'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { appointmentsStore, type AppointmentsStore } from '@/packages/appointments/appointments-store'
import { bookUrl, cancelUrl, CODE_REFRESH_MS, MY_APPOINTMENTS_PAGE } from '@/packages/appointments/words'
import '@/packages/appointments/appointments.css'

const QR_SIZE = 220

/** The 预约码 the hall scans: refreshed before it expires while the page is on screen. */
const BookingCode = observer(function BookingCode({ store, id }: { store: AppointmentsStore; id: string }) {
  const code = store.code.data
  if (store.code.error && !code) return <AlertText>{`预约码没有加载出来：${store.code.error.message}`}</AlertText>
  if (!code) return <Text className='gm-hint gm-appt-hint'>正在生成预约码…</Text>
  return (
    <View className='gm-appt-code'>
      <Text className='gm-appt-code__title'>到大厅后请出示此预约码</Text>
      <QrCanvas id={`appointment-qr-${id}`} text={code.code} size={QR_SIZE} label='预约码，请工作人员扫码登记到场' />
      <Text className='gm-hint'>预约码几分钟自动更新一次，截图无效；工作人员扫码即登记到场。</Text>
    </View>
  )
})

function AppointmentDetailPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '')
  const store = useFeatureStore(appointmentsStore)
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined)
  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = undefined
  }
  useDidShow(() => {
    void store.loadDetail(id)
    stop()
    timer.current = setInterval(() => {
      if (store.detail.data?.status === 'booked') void store.loadCode(id)
    }, CODE_REFRESH_MS)
  })
  useDidHide(stop)
  useUnload(stop)
  const appointment = store.detail.data?.id === id ? store.detail.data : undefined
  return (
    <Screen>
      <PageState state={store.detail} emptyText='没有找到该预约。' onRetry={() => void store.loadDetail(id)}>
        {appointment && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{appointment.itemName}</Text>
              <View className='gm-appt-rows'>
                <LabelValueRow label='状态' value={appointment.statusName} strong />
                <LabelValueRow label='时间' value={appointment.when} strong />
                <LabelValueRow label='地点' value={appointment.hall.name} />
                <LabelValueRow label='地址' value={appointment.hall.address} />
                {appointment.checkedInAt && <LabelValueRow label='到场登记' value='已登记，请按叫号办理' />}
              </View>
            </View>
            {appointment.status === 'booked' && <BookingCode store={store} id={appointment.id} />}
            {appointment.status === 'booked' && (
              <View className='gm-actions'>
                <Button className='gm-button gm-button--secondary' onClick={() => void Taro.navigateTo({ url: bookUrl(appointment.itemCode, appointment.id) })}>
                  改约
                </Button>
                <Button className='gm-button gm-button--secondary' onClick={() => void Taro.navigateTo({ url: cancelUrl(appointment.id) })}>
                  取消预约
                </Button>
              </View>
            )}
            <View className='gm-actions'>
              <Button className='gm-button gm-button--secondary' onClick={() => void Taro.redirectTo({ url: MY_APPOINTMENTS_PAGE })}>
                我的预约
              </Button>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(AppointmentDetailPage)
