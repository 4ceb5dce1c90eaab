import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { Evaluation, EvaluationState } from '@/contract/evaluations/schemas'
import { RATINGS, TEXT_LIMITS, type Rating } from '@/contract/evaluations/data'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips } from '@/components/choice-chips'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { evaluationsStore } from '@/packages/applications/stores/evaluations-store'
import { needsReason, tagsFor } from '@/packages/applications/stores/evaluations-store'
import { TagChips } from '@/packages/applications/components/tag-chips'
import { TextBox } from '@/packages/applications/components/text-box'
import { dateTimeWords } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

/** One recorded rating, and the department's answer to it when it was a 差评. */
function EvaluationCard({ evaluation }: { evaluation: Evaluation }) {
  const rectification = evaluation.rectification
  return (
    <View className='gm-app-evaluation' ariaRole='region' ariaLabel={evaluation.round === 1 ? '我的评价' : '我的重新评价'}>
      <Text className='gm-card__title'>{`${evaluation.round === 1 ? '我的评价' : '重新评价'}：${evaluation.ratingName}`}</Text>
      <Text className='gm-app-meta'>{dateTimeWords(evaluation.createdAt)}</Text>
      {evaluation.tags.length > 0 && <Text>{`标签：${evaluation.tags.join('、')}`}</Text>}
      {evaluation.reason && <Text className='gm-app-text'>{`不满意的原因：${evaluation.reason}`}</Text>}
      {evaluation.comment && <Text className='gm-app-text'>{`评价内容：${evaluation.comment}`}</Text>}
      {rectification &&
        (rectification.answer ? (
          <View className='gm-app-answer'>
            <Text className='gm-app-step__name'>{`${rectification.department}的答复`}</Text>
            <Text className='gm-app-text'>{rectification.answer}</Text>
            {rectification.answeredAt && <Text className='gm-app-meta'>{dateTimeWords(rectification.answeredAt)}</Text>}
          </View>
        ) : (
          <View className='gm-app-answer'>
            <Text className='gm-app-step__name'>{rectification.statusName}</Text>
            <Text>{`${rectification.department}正在处理您的意见，答复后会显示在这里，届时您可以重新评价一次。`}</Text>
          </View>
        ))}
    </View>
  )
}

const RatingForm = observer(function RatingForm({ applicationId, reRate }: { applicationId: string; reRate: boolean }) {
  const evaluations = useFeatureStore(evaluationsStore)
  const draft = evaluations.draft?.applicationId === applicationId ? evaluations.draft : undefined
  if (!draft) return null
  const problems = evaluations.problems
  const tags = tagsFor(draft.rating)
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>{reRate ? '看了部门的答复，您可以重新评价一次' : '您对这次办理满意吗？'}</Text>
      <View className='gm-app-rating'>
        <ChoiceChips<Rating>
          label='满意程度'
          choices={RATINGS.map((level) => ({ value: level.rating, label: level.name }))}
          selected={draft.rating}
          onSelect={(rating) => evaluations.chooseRating(rating)}
        />
      </View>
      {problems.rating && <AlertText>{problems.rating}</AlertText>}
      {tags.length > 0 && (
        <View>
          <Text className='gm-form__label gm-app-field'>选择标签（可多选，选填）</Text>
          <TagChips label='评价标签' tags={tags} chosen={draft.tags} onToggle={(tag) => evaluations.toggleTag(tag)} />
        </View>
      )}
      {needsReason(draft.rating) && (
        <TextBox
          label='不满意的原因（必填）'
          hint='请写明哪里不满意，部门会据此整改并答复您。'
          value={draft.reason}
          max={TEXT_LIMITS.reason.max}
          problem={problems.reason}
          onInput={(reason) => evaluations.setReason(reason)}
        />
      )}
      <TextBox label='其他意见（选填）' value={draft.comment} max={TEXT_LIMITS.comment.max} problem={problems.comment} onInput={(comment) => evaluations.setComment(comment)} />
      <View className='gm-actions'>
        {evaluations.sendError && <AlertText>{evaluations.sendError.message}</AlertText>}
        <Button className='gm-button' loading={evaluations.sending} disabled={evaluations.sending || undefined} onClick={() => void evaluations.send()}>
          {reRate ? '提交重新评价' : '提交评价'}
        </Button>
        {reRate && <Text className='gm-hint'>重新评价只有一次机会。</Text>}
      </View>
    </View>
  )
})

const Outcome = observer(function Outcome({ state }: { state: EvaluationState }) {
  const evaluations = useFeatureStore(evaluationsStore)
  if (state.canRate || state.canReRate) return null
  const open = state.evaluations.some((evaluation) => evaluation.rectification && !evaluation.rectification.answer)
  if (state.evaluations.length === 0) {
    return (
      <View className='gm-card'>
        <Text className='gm-card__text'>办结后才能评价。办理完成后请再来，您的评价会转给办理部门。</Text>
      </View>
    )
  }
  return (
    <View className='gm-card' ariaRole={evaluations.justRated ? 'alert' : undefined}>
      <Text className='gm-card__title'>{evaluations.justRated ? '评价已提交，感谢您的反馈' : '感谢您的评价'}</Text>
      {open && <Text className='gm-card__text'>部门会在答复后通知您；答复会显示在本页。</Text>}
    </View>
  )
})

function RatePage() {
  const evaluations = useFeatureStore(evaluationsStore)
  const applications = useFeatureStore(applicationsStore)
  const id = String(useRouter().params.id ?? '')
  const state = evaluations.state(id)
  const application = applications.records.detail(id).data
  const load = () => {
    if (!applications.records.detail(id).data) void applications.records.loadDetail(id)
    return evaluations.load(id)
  }
  useDidShow(() => {
    evaluations.openDraft(id)
    void load()
  })
  useUnload(() => evaluations.closeDraft())
  const data = state.data
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {data && (
          <View>
            {application && (
              <View className='gm-card'>
                <Text className='gm-app-card__name'>{application.itemName}</Text>
                <Text className='gm-app-meta'>{`受理编号 ${application.number} · ${application.department}`}</Text>
              </View>
            )}
            {evaluations.justRated && (data.canRate || data.canReRate) && (
              <View ariaRole='alert' className='gm-card'>
                <Text className='gm-card__title'>评价已提交，感谢您的反馈</Text>
              </View>
            )}
            {data.evaluations.map((evaluation) => (
              <EvaluationCard key={evaluation.round} evaluation={evaluation} />
            ))}
            <Outcome state={data} />
            {(data.canRate || data.canReRate) && <RatingForm applicationId={id} reRate={!data.canRate && data.canReRate} />}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(RatePage)
