import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Appointment } from '@/contract/appointments/schemas'
import { detailUrl } from '@/packages/appointments/words'

/** One booking in a list: item, status, time and hall; opens its detail (with the QR). */
export function AppointmentCard({ appointment }: { appointment: Appointment }) {
  return (
    <View className={`gm-appt-card gm-appt-card--${appointment.status}`} ariaRole='button' onClick={() => void Taro.navigateTo({ url: detailUrl(appointment.id) })}>
      <View className='gm-appt-card__head'>
        <Text className='gm-appt-card__item'>{appointment.itemName}</Text>
        <Text className={`gm-appt-status gm-appt-status--${appointment.status}`}>{appointment.statusName}</Text>
      </View>
      <Text>{appointment.when}</Text>
      <Text className='gm-appt-choice__meta'>{appointment.hall.name}</Text>
    </View>
  )
}
