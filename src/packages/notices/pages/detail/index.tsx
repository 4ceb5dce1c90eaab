import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { ReadAloud } from '@/components/read-aloud'
import { Screen } from '@/components/screen'
import { useStores } from '@/stores/context'
import { formatDate } from '@/utils/format'

function NoticeDetailPage() {
  const { notices } = useStores()
  const id = Number(useRouter().params.id)
  const state = notices.detail(id)
  const load = () => notices.loadDetail(id)
  useLoad(() => {
    void load()
  })
  const notice = state.data
  return (
    <Screen>
      <View className='gm-section'>
        <PageState state={state} emptyText='公告不存在或已撤回' onRetry={load}>
          {notice && (
            <View className='gm-article'>
              <Text className='gm-article__title'>{notice.title}</Text>
              <Text className='gm-article__meta'>
                {notice.department} · {formatDate(notice.publishedAt)}
              </Text>
              <ReadAloud id='notice' subject='公告' text={`${notice.title}。${notice.department}，${formatDate(notice.publishedAt)}发布。${notice.body}`} />
              {notice.body.split('\n').filter(Boolean).map((paragraph, index) => (
                <Text key={index} className='gm-article__paragraph'>{paragraph}</Text>
              ))}
              <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateBack()}>返回</Button>
            </View>
          )}
        </PageState>
      </View>
    </Screen>
  )
}

export default observer(NoticeDetailPage)
