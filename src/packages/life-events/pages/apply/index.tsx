import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { LifeEventForm } from '@/contract/life-events/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { PackageField } from '@/packages/life-events/components/package-field'
import { lifeEventsStore } from '@/packages/life-events/stores/life-events-store'
import { SHARED, draftKeyOf, shownValue, type FormScreen } from '@/packages/life-events/stores/package-draft'
import { LIFE_EVENTS_PAGE, PROGRESS_PAGE } from '@/packages/life-events/words'
import '@/packages/life-events/life-events.css'

/** How a member's materials are met: its e-certificates linked, the rest brought to the counter (said plainly). */
function Materials({ form, itemCode }: { form: LifeEventForm; itemCode: string }) {
  const member = form.members.find((candidate) => candidate.itemCode === itemCode)
  if (!member || member.materials.length === 0) return null
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>{`${member.itemName}的材料`}</Text>
      {member.materials.map((material) => (
        <View key={material.name} className='gm-le-field'>
          <Text className='gm-le-field__label'>{material.name}</Text>
          <Text className='gm-hint'>{material.instruction}</Text>
        </View>
      ))}
    </View>
  )
}

/** The last screen: every answer once more, by where it goes, then one submit. */
const Review = observer(function Review({ form }: { form: LifeEventForm }) {
  const store = useFeatureStore(lifeEventsStore)
  return (
    <View>
      <View className='gm-section'>
        <Text className='gm-section__title'>共同信息</Text>
        {form.sharedFields.map((field) => (
          <View key={field.key} className='gm-le-row'>
            <Text className='gm-le-row__label'>{field.label}</Text>
            <Text className='gm-le-row__value'>{shownValue(field, store.value(SHARED, field.key))}</Text>
          </View>
        ))}
      </View>
      {form.members.map((member) => (
        <View key={member.itemCode} className='gm-section'>
          <Text className='gm-section__title'>{member.itemName}</Text>
          <Text className='gm-hint gm-le-steps'>{`由${member.department}办理，并使用共同信息中的：${member.receives.join('、')}`}</Text>
          {member.fields.map((field) => (
            <View key={field.key} className='gm-le-row'>
              <Text className='gm-le-row__label'>{field.label}</Text>
              <Text className='gm-le-row__value'>{shownValue(field, store.value(member.itemCode, field.key))}</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
})

/** Why the submit did not go through, and what to do: a lost answer is retried with the same key. */
const SubmitError = observer(function SubmitError() {
  const store = useFeatureStore(lifeEventsStore)
  const error = store.submitError
  // A field the server named is shown under that field (its screen is opened).
  if (!error || draftKeyOf(error.field)) return null
  if (error.isOffline) return <AlertText>网络不稳定，申请可能没有送达。请点“重新提交”，同一份申请不会重复提交。</AlertText>
  if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
    return (
      <View className='gm-actions' ariaRole='alert'>
        <Text>您刚才的申请可能已经提交成功，请先到“我的一件事”查看，避免重复申请。</Text>
        <Button className='gm-button gm-button--secondary' onClick={() => Taro.redirectTo({ url: LIFE_EVENTS_PAGE })}>
          查看我的一件事
        </Button>
      </View>
    )
  }
  return <AlertText>{error.message}</AlertText>
})

const Step = observer(function Step({ form, screens, screen }: { form: LifeEventForm; screens: FormScreen[]; screen: FormScreen }) {
  const store = useFeatureStore(lifeEventsStore)
  const problems = store.problemsOn(screen)
  const last = store.step === screens.length - 1
  const retry = store.submitError?.isOffline === true
  return (
    <View>
      <Text className='gm-le-steps'>{`第 ${store.step + 1} 步，共 ${screens.length} 步`}</Text>
      <View className='gm-section'>
        <Text className='gm-section__title'>{screen.title}</Text>
        {screen.subtitle && <Text className='gm-hint gm-le-steps'>{screen.subtitle}</Text>}
        {screen.key === SHARED &&
          form.sharedFields
            .filter((field) => field.locked)
            .map((field) => <PackageField key={field.key} scope={SHARED} field={field} />)}
        {screen.fields.map((ref) => (
          <PackageField key={`${ref.scope}.${ref.field.key}`} scope={ref.scope} field={ref.field} problem={problems[`${ref.scope}.${ref.field.key}`]} />
        ))}
      </View>
      {screen.materialsOf && <Materials form={form} itemCode={screen.materialsOf} />}
      {screen.review && <Review form={form} />}
      {last && <SubmitError />}
      {store.attempted && Object.keys(problems).length > 0 && <AlertText>{`还有${Object.keys(problems).length}项需要修改，请按红字提示填写`}</AlertText>}
      <View className='gm-le-nav'>
        {store.step > 0 && (
          <Button className='gm-button gm-button--secondary' disabled={store.submitting || undefined} onClick={() => store.back()}>
            上一步
          </Button>
        )}
        {last ? (
          // Busy in words, not Taro's spinner (on H5 its re-render threw when the page changed).
          <Button className='gm-button' disabled={store.submitting || undefined} onClick={() => void store.submit(screens)}>
            {store.submitting ? '正在提交…' : retry ? '重新提交' : `一次提交${form.members.length}个事项`}
          </Button>
        ) : (
          <Button className='gm-button' onClick={() => store.next(screens)}>
            下一步
          </Button>
        )}
      </View>
    </View>
  )
})

function ApplyPage() {
  const { ui } = useStores()
  const store = useFeatureStore(lifeEventsStore)
  const key = decodeURIComponent(String(useRouter().params.key ?? ''))
  useLoad(() => {
    void store.openForm(key)
  })
  useUnload(() => store.closeForm())
  const form = store.form.data
  const screens = store.screens(ui.elderlyMode)
  const screen = screens[Math.min(store.step, screens.length - 1)]
  const submittedId = store.submitted?.id
  useEffect(() => {
    if (submittedId) void Taro.redirectTo({ url: `${PROGRESS_PAGE}?id=${submittedId}` })
  }, [submittedId])
  return (
    <Screen>
      <PageState state={store.form} emptyText='' onRetry={() => void store.loadForm()}>
        {form && (
          <View>
            <View className='gm-card'>
              <Text className='gm-card__title'>{form.name}</Text>
              <Text className='gm-card__text'>{`填写一次，同时申请${form.members.length}个事项。已为您自动填好政府部门已有的信息，标有“已锁定”的不能修改。`}</Text>
            </View>
            {store.submitted ? (
              <View className='gm-state' ariaRole='status'>
                <Text>已提交，正在打开办理进度…</Text>
              </View>
            ) : (
              screen && <Step form={form} screens={screens} screen={screen} />
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ApplyPage)
