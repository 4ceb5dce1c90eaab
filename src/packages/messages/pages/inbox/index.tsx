import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import type { Message } from '@/contract/messages/schemas'
import { useFeatureStore } from '@/stores/context'
import { formatClock, formatDate } from '@/utils/format'
import { inboxStore } from '@/packages/messages/inbox-store'

const when = (iso: string) => `${formatDate(iso)} ${formatClock(new Date(iso))}`

const MessageRow = observer(function MessageRow({ message }: { message: Message }) {
  const inbox = useFeatureStore(inboxStore)
  const open = () => {
    if (!message.read) void inbox.markRead([message.id])
    void Taro.navigateTo({ url: `/${message.page}` })
  }
  return (
    <View className={message.read ? 'gm-message' : 'gm-message gm-message--unread'} ariaRole='link' onClick={open}>
      <View className='gm-message__head'>
        <Text className='gm-message__title'>{`${message.itemName}：${message.statusName}`}</Text>
        {!message.read && <Text className='gm-badge'>未读</Text>}
      </View>
      {message.note && <Text className='gm-message__note'>{message.note}</Text>}
      {/* A booking reminder has no application: its time is the booking's. */}
      <Text className='gm-message__meta'>{message.applicationNumber ? `受理编号 ${message.applicationNumber} · ${when(message.at)}` : `预约时间 ${when(message.at)}`}</Text>
    </View>
  )
})

function InboxPage() {
  const inbox = useFeatureStore(inboxStore)
  const load = () => inbox.load()
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  const data = inbox.messages.data
  return (
    <Screen>
      <Text className='gm-hint gm-inbox__hint'>网上申请的每次办理进度变化都会记在这里，未订阅微信或支付宝消息也不会错过。</Text>
      <PageState state={inbox.messages} emptyText='暂无消息。提交网上申请后，办理进度会在这里通知您。' onRetry={() => void load()}>
        {data && data.unreadCount > 0 && (
          <View className='gm-actions'>
            <Button className='gm-button gm-button--secondary' onClick={() => void inbox.markRead()}>
              {`全部标为已读（${data.unreadCount}条未读）`}
            </Button>
          </View>
        )}
        {data?.items.map((message) => <MessageRow key={message.id} message={message} />)}
      </PageState>
    </Screen>
  )
}

export default observer(InboxPage)
