import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NoticeSummary } from '@/contract/schemas'
import { formatDate } from '@/utils/format'

export const noticeDetailUrl = (id: number) => `/packages/notices/pages/detail/index?id=${id}`

export function NoticeItem({ notice }: { notice: NoticeSummary }) {
  return (
    <View
      className='gm-notice'
      ariaRole='link'
      ariaLabel={`${notice.title}，${notice.department}，${formatDate(notice.publishedAt)}`}
      onClick={() => Taro.navigateTo({ url: noticeDetailUrl(notice.id) })}
    >
      <Text className='gm-notice__title'>{notice.title}</Text>
      <View className='gm-notice__meta'>
        <Text>{notice.department}</Text>
        <Text className='gm-notice__date'>{formatDate(notice.publishedAt)}</Text>
      </View>
    </View>
  )
}
