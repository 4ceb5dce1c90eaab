import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { FEEDBACK_CATEGORIES, FEEDBACK_KINDS, TEXT_LIMITS, type FeedbackCategory, type FeedbackKind } from '@/contract/evaluations/data'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { Screen } from '@/components/screen'
import { LOGIN_PAGE } from '@/identity-levels'
import { useFeatureStore, useStores } from '@/stores/context'
import { feedbackStore } from '@/packages/applications/stores/feedback-store'
import { TextBox } from '@/packages/applications/components/text-box'
import { MY_FEEDBACK_PAGE } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

const KIND_HINTS: Record<FeedbackKind, string> = {
  complaint: '对办事过程或工作人员不满意，部门会调查并答复。',
  suggestion: '希望改进的地方，或想在网上办理却找不到的事项。',
  consultation: '办事前有不清楚的地方，部门会答复您。',
}

/** A query value as the page received it: mini-programs pass it still URL-encoded, H5 decoded. */
function param(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const isKind = (value: string | undefined): value is FeedbackKind => value !== undefined && value in FEEDBACK_KINDS
const isCategory = (value: string | undefined): value is FeedbackCategory => value !== undefined && value in FEEDBACK_CATEGORIES

/** `itemName` comes with the link (display only: the item the feedback is about is sent by its code). */
const FeedbackForm = observer(function FeedbackForm({ itemName }: { itemName: string | undefined }) {
  const feedback = useFeatureStore(feedbackStore)
  const { draft, problems } = feedback
  return (
    <View>
      <View className='gm-section'>
        <Text className='gm-section__title'>您想</Text>
        <ChoiceChips<FeedbackKind>
          label='反馈类型'
          choices={(Object.keys(FEEDBACK_KINDS) as FeedbackKind[]).map((kind) => ({ value: kind, label: FEEDBACK_KINDS[kind] }))}
          selected={draft.kind}
          onSelect={(kind) => feedback.update({ kind })}
        />
        {draft.kind && <Text className='gm-hint gm-app-field'>{KIND_HINTS[draft.kind]}</Text>}
        {problems.kind && <AlertText>{problems.kind}</AlertText>}
      </View>
      <View className='gm-section'>
        <Text className='gm-section__title'>问题类别</Text>
        <ChoiceChips<FeedbackCategory>
          label='问题类别'
          choices={(Object.keys(FEEDBACK_CATEGORIES) as FeedbackCategory[]).map((category) => ({ value: category, label: FEEDBACK_CATEGORIES[category] }))}
          selected={draft.category}
          onSelect={(category) => feedback.update({ category })}
        />
        {problems.category && <AlertText>{problems.category}</AlertText>}
      </View>
      {(draft.searchQuery || draft.itemCode) && (
        <View className='gm-section'>
          {draft.searchQuery && (
            <View className='gm-list-row'>
              <Text className='gm-list-row__label'>搜索的内容</Text>
              <Text className='gm-list-row__value'>{draft.searchQuery}</Text>
            </View>
          )}
          {draft.itemCode && (
            <View className='gm-list-row'>
              <Text className='gm-list-row__label'>相关事项</Text>
              <Text className='gm-list-row__value'>{itemName ?? draft.itemCode}</Text>
            </View>
          )}
        </View>
      )}
      <View className='gm-section'>
        <TextBox
          label='具体内容'
          hint={draft.searchQuery ? '例如：想办理什么事、在哪个地方办理，我们会尽快补充。' : '请写清楚时间、地点和经过，便于部门核实。'}
          value={draft.text}
          max={TEXT_LIMITS.feedbackText.max}
          problem={problems.text}
          onInput={(text) => feedback.update({ text })}
        />
      </View>
      <View className='gm-actions'>
        {feedback.sendError && <AlertText>{feedback.sendError.message}</AlertText>}
        <Button className='gm-button' loading={feedback.sending} disabled={feedback.sending || undefined} onClick={() => void feedback.send()}>
          提交
        </Button>
        <Text className='gm-hint'>部门答复后，可在“我的投诉建议”里查看。</Text>
      </View>
    </View>
  )
})

function FeedbackNewPage() {
  const { session } = useStores()
  const feedback = useFeatureStore(feedbackStore)
  const params = useRouter().params
  useLoad(() => {
    const kind = param(params.kind)
    const category = param(params.category)
    const searchQuery = param(params.searchQuery)
    feedback.openDraft({
      kind: isKind(kind) ? kind : undefined,
      // A search that found nothing is about a missing service, unless the link says otherwise.
      category: isCategory(category) ? category : searchQuery ? 'missing_service' : undefined,
      itemCode: param(params.itemCode),
      searchQuery,
    })
  })
  const sent = feedback.sent
  return (
    <Screen>
      {!session.loggedIn ? (
        <View className='gm-state' ariaRole='alert'>
          <Text className='gm-state__title'>需要登录</Text>
          <Text className='gm-state__text'>登录后才能提交投诉建议，部门的答复也会发到您的账号里。</Text>
          <Button className='gm-button' onClick={() => Taro.navigateTo({ url: LOGIN_PAGE })}>
            去登录
          </Button>
        </View>
      ) : sent ? (
        <View className='gm-card' ariaRole='region' ariaLabel='已提交'>
          <View ariaRole='alert'>
            <Text className='gm-card__title'>{`${sent.kindName}已提交`}</Text>
          </View>
          <Text className='gm-card__text'>部门答复后，会显示在“我的投诉建议”里。</Text>
          <Button className='gm-button' onClick={() => Taro.redirectTo({ url: MY_FEEDBACK_PAGE })}>
            查看我的投诉建议
          </Button>
        </View>
      ) : (
        <FeedbackForm itemName={param(params.itemName)} />
      )}
    </Screen>
  )
}

export default observer(FeedbackNewPage)
