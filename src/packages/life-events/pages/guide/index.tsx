import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { FROM_CERTIFICATE_LABEL } from '@/contract/services/data'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { lifeEventsStore } from '@/packages/life-events/stores/life-events-store'
import { APPLY_PAGE, timeLimitWords } from '@/packages/life-events/words'
import '@/packages/life-events/life-events.css'

/** A package's guide: what is included, which departments, what you need, then 开始办理. */
function GuidePage() {
  const store = useFeatureStore(lifeEventsStore)
  const key = decodeURIComponent(String(useRouter().params.key ?? ''))
  const state = store.guide(key)
  const load = () => store.loadGuide(key)
  useLoad(() => {
    void load()
  })
  const guide = state.data
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {guide && (
          <View>
            <View className='gm-card'>
              <Text className='gm-card__title'>{guide.name}</Text>
              <Text>{guide.summary}</Text>
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>办理条件</Text>
              <View className='gm-le-list'>
                {guide.conditions.map((condition) => (
                  <Text key={condition} className='gm-le-list__item'>{`· ${condition}`}</Text>
                ))}
              </View>
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{`包含的 ${guide.members.length} 个事项`}</Text>
              {guide.members.map((member, index) => (
                <View key={member.itemCode} className='gm-le-card'>
                  <Text className='gm-le-card__name'>{`${index + 1}. ${member.itemName}`}</Text>
                  <Text className='gm-le-meta'>{`办理部门：${member.department} · 承诺时限：${timeLimitWords(member.timeLimitDays)}`}</Text>
                  <Text>{`办结后得到：${member.result}`}</Text>
                  <Text className='gm-le-meta'>{`需要的材料：${member.materials.map((material) => (material.fromMember ? `${material.name}（由本件事办理，免提交）` : material.certificateType ? `${material.name}（${FROM_CERTIFICATE_LABEL}）` : material.name)).join('；')}`}</Text>
                </View>
              ))}
            </View>
            <View className='gm-section'>
              <Text className='gm-section__title'>只需填写一次的信息</Text>
              <Text className='gm-hint gm-le-steps'>{`${guide.sharedFields.join('、')}。姓名、身份证号等政府部门已有的信息会自动填好。`}</Text>
            </View>
            <View className='gm-actions'>
              <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${APPLY_PAGE}?key=${guide.key}` })}>
                开始办理
              </Button>
              <Text className='gm-hint'>需要登录并完成实名认证。提交一次后，各事项分别由办理部门审核，可在“我的一件事”查看进度。</Text>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(GuidePage)
