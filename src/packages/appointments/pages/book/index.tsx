import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import type { Hall, SlotDay } from '@/contract/appointments/schemas'
import { useFeatureStore } from '@/stores/context'
import { appointmentsStore, type AppointmentsStore } from '@/packages/appointments/appointments-store'
import { detailUrl, slotWords } from '@/packages/appointments/words'
import '@/packages/appointments/appointments.css'

const HallChoice = observer(function HallChoice({ hall, store, itemCode }: { hall: Hall; store: AppointmentsStore; itemCode: string }) {
  const on = store.choice.hallId === hall.id
  return (
    <View className={on ? 'gm-appt-choice gm-appt-choice--on' : 'gm-appt-choice'} ariaRole='button' ariaLabel={`${on ? '已选择 ' : ''}${hall.name}，${hall.address}，${hall.hoursText}`} onClick={() => void store.chooseHall(itemCode, hall.id)}>
      <Text className='gm-appt-choice__name'>{hall.name}</Text>
      <Text className='gm-appt-choice__meta'>{hall.address}</Text>
      <Text className='gm-appt-choice__meta'>{hall.hoursText}</Text>
      {on && <Text className='gm-appt-choice__mark'>已选择</Text>}
    </View>
  )
})

/** Open days as buttons; holidays and weekends stay in the row, marked 不开放, so the calendar reads as a calendar. */
const Days = observer(function Days({ days, store }: { days: SlotDay[]; store: AppointmentsStore }) {
  return (
    <View className='gm-appt-grid'>
      {days.map((day) => {
        if (!day.open) {
          return (
            <View key={day.date} className='gm-appt-cell gm-appt-cell--off' ariaLabel={`${day.label}，${day.closedReason ?? '不开放'}`}>
              <Text>{`${day.label} 不开放`}</Text>
            </View>
          )
        }
        const on = store.choice.date === day.date
        const left = day.slots.reduce((sum, slot) => sum + slot.left, 0)
        return (
          <View key={day.date} className={on ? 'gm-appt-cell gm-appt-cell--on' : 'gm-appt-cell'} ariaRole='button' ariaLabel={`${on ? '已选择 ' : ''}${day.label}，${left === 0 ? '已约满' : `余${left}个名额`}`} onClick={() => store.chooseDay(day.date)}>
            <Text>{left === 0 ? `${day.label} 已约满` : day.label}</Text>
          </View>
        )
      })}
    </View>
  )
})

const Slots = observer(function Slots({ day, store }: { day: SlotDay; store: AppointmentsStore }) {
  if (day.slots.length === 0) return <Text className='gm-hint gm-appt-grid'>这一天已没有可预约的时段，请选择其他日期。</Text>
  return (
    <View className='gm-appt-grid'>
      {day.slots.map((slot) => {
        const on = store.choice.start === slot.start
        const className = slot.full ? 'gm-appt-cell gm-appt-cell--off' : on ? 'gm-appt-cell gm-appt-cell--on' : 'gm-appt-cell'
        return (
          <View key={slot.start} className={className} ariaRole={slot.full ? undefined : 'button'} ariaLabel={`${on ? '已选择 ' : ''}${slotWords(slot)}`} onClick={() => store.chooseSlot(slot)}>
            <Text>{slotWords(slot)}</Text>
          </View>
        )
      })}
    </View>
  )
})

const OUTCOME_WORDS = {
  subscribed: '已开启提醒：预约前一天会发消息提醒您。',
  declined: '未开启提醒。预约前一天，消息中心仍会提醒您。',
  failed: '提醒没有开启成功。预约前一天，消息中心仍会提醒您。',
} as const

/** After a booking or a 改约: offer the day-before reminder once (asked from this tap, as WeChat requires), then the booking. */
const ReminderPanel = observer(function ReminderPanel({ store, appointmentId, rescheduled }: { store: AppointmentsStore; appointmentId: string; rescheduled: boolean }) {
  const { reminder } = store
  const openBooking = () => void Taro.redirectTo({ url: detailUrl(appointmentId) })
  return (
    <View className='gm-card' ariaRole='region' ariaLabel={rescheduled ? '改约成功' : '预约成功'}>
      <View ariaRole='alert'>
        <Text className='gm-card__title'>{rescheduled ? '改约成功' : '预约成功'}</Text>
      </View>
      {reminder.outcome ? (
        <View>
          <View ariaRole='status'>
            <Text className='gm-card__text'>{OUTCOME_WORDS[reminder.outcome]}</Text>
          </View>
          <Button className='gm-button' onClick={openBooking}>
            查看预约
          </Button>
        </View>
      ) : (
        <View>
          <Text className='gm-card__text'>需要的话，可以在预约前一天收到消息提醒。</Text>
          <Button className='gm-button' disabled={reminder.asking || undefined} onClick={() => void reminder.subscribe()}>
            {reminder.asking ? '正在开启…' : '预约前一天提醒我'}
          </Button>
          <Button className='gm-button gm-button--secondary' onClick={openBooking}>
            不用了，查看预约
          </Button>
        </View>
      )}
    </View>
  )
})

/** 预约办理: choose a hall, a day and a slot, then confirm; with `reschedule` the same steps move an existing booking. */
function BookPage() {
  const params = useRouter().params
  const itemCode = decodeURIComponent(params.item ?? '')
  const rescheduleId = params.reschedule ? decodeURIComponent(params.reschedule) : undefined
  const store = useFeatureStore(appointmentsStore)
  useLoad(() => {
    void store.start(itemCode)
  })
  const confirm = async () => {
    if (await store.confirm(itemCode, rescheduleId)) {
      const booked = store.booked
      // With a reminder to offer, the page shows the offer first; otherwise straight to the booking.
      if (booked && !store.reminder.offeredFor) void Taro.redirectTo({ url: detailUrl(booked.id) })
    }
  }
  const offered = store.reminder.offeredFor
  if (offered) {
    return (
      <Screen>
        <ReminderPanel store={store} appointmentId={offered} rescheduled={Boolean(rescheduleId)} />
      </Screen>
    )
  }
  const halls = store.halls.data
  const hall = halls?.halls.find((candidate) => candidate.id === store.choice.hallId)
  const day = store.chosenDay
  return (
    <Screen>
      <PageState state={store.halls} emptyText='该事项暂未开放网上预约，请按办事指南到窗口办理。' onRetry={() => void store.start(itemCode)}>
        {halls && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{rescheduleId ? `改约：${halls.item.name}` : halls.item.name}</Text>
              <Text className='gm-hint gm-appt-hint'>{`请依次选择办事大厅、日期和时段。可预约至 ${halls.lastDay.slice(5).replace('-', '月')}日，节假日不开放。`}</Text>
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>1. 选择办事大厅</Text>
              <View className='gm-appt-choices'>
                {halls.halls.map((candidate) => (
                  <HallChoice key={candidate.id} hall={candidate} store={store} itemCode={itemCode} />
                ))}
              </View>
            </View>
            {store.choice.hallId && (
              <View className='gm-section'>
                <Text className='gm-section__title'>2. 选择日期</Text>
                <PageState state={store.slots} emptyText='近期没有开放的日期，请稍后再来查看。' onRetry={() => void store.loadSlots(itemCode)}>
                  {store.slots.data && <Days days={store.slots.data.days} store={store} />}
                </PageState>
              </View>
            )}
            {day && (
              <View className='gm-section'>
                <Text className='gm-section__title'>3. 选择时段</Text>
                <Slots day={day} store={store} />
              </View>
            )}
            {store.booking.error && <AlertText>{store.booking.error.message}</AlertText>}
            {store.ready && hall && day && (
              <View className='gm-appt-summary'>
                <Text className='gm-appt-summary__title'>{rescheduleId ? '请核对新的时段' : '请核对预约信息'}</Text>
                <Text>{hall.name}</Text>
                <Text>{hall.address}</Text>
                <Text>{`${day.label} ${store.choice.start}`}</Text>
                <Button className='gm-button' disabled={store.booking.busy || undefined} onClick={() => void confirm()}>
                  {store.booking.busy ? '正在提交…' : rescheduleId ? '确认改约' : '确认预约'}
                </Button>
                {rescheduleId && <Text className='gm-hint'>改约成功后原时段自动释放；若新时段已约满，原预约保持不变。</Text>}
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(BookPage)
