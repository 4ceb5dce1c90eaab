import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import type { ApplicationDetail, ApplicationForm } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { FormField } from '@/packages/applications/components/form-field'
import { MaterialList } from '@/packages/applications/components/material-list'
import { DETAIL_PAGE, MY_APPLICATIONS_PAGE } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

const openDetail = (id: string) => Taro.redirectTo({ url: `${DETAIL_PAGE}?id=${id}` })

/** Why the submit did not go through, and what to do: a lost answer is retried with the same key. */
const SubmitError = observer(function SubmitError() {
  const applications = useFeatureStore(applicationsStore)
  const error = applications.apply.submitError
  if (!error || applications.apply.serverFieldError) return null
  if (error.isOffline) {
    return <AlertText>网络不稳定，申请可能没有送达。请点“重新提交”，同一份申请不会重复提交。</AlertText>
  }
  if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
    return (
      <View className='gm-app-confirm' ariaRole='alert'>
        <Text>您刚才的申请可能已经提交成功，请先到“我的办件”查看，避免重复申请。</Text>
        <Button className='gm-button gm-button--secondary' onClick={() => Taro.redirectTo({ url: MY_APPLICATIONS_PAGE })}>
          查看我的办件
        </Button>
      </View>
    )
  }
  return <AlertText>{error.message}</AlertText>
})

const SubmitSection = observer(function SubmitSection({ form }: { form: ApplicationForm }) {
  const applications = useFeatureStore(applicationsStore)
  const problems = Object.keys(applications.apply.problems).length
  const retry = applications.apply.submitError?.isOffline === true
  return (
    <View className='gm-actions'>
      <SubmitError />
      {applications.apply.attempted && problems > 0 && <AlertText>{`还有${problems}项需要修改，请按红字提示填写`}</AlertText>}
      {applications.apply.attempted && applications.apply.missingUploads.length > 0 && <AlertText>{`还需要上传：${applications.apply.missingUploads.join('、')}`}</AlertText>}
      <Button
        className='gm-button'
        loading={applications.apply.submitting}
        disabled={applications.apply.submitting || !form.submitAllowed || undefined}
        onClick={() => void applications.apply.submit()}
      >
        {retry ? '重新提交' : '提交申请'}
      </Button>
      <Text className='gm-hint'>{`提交后由${form.item.department}审核，承诺${form.item.timeLimitDays}个工作日内办结（从受理之日起计算）。`}</Text>
    </View>
  )
})

/** After a submit: offer status notifications (asked from this tap, as WeChat requires), then the timeline. */
const SubmittedPanel = observer(function SubmittedPanel({ submitted }: { submitted: ApplicationDetail }) {
  const { platform } = useStores()
  const applications = useFeatureStore(applicationsStore)
  const subscribe = async () => {
    await applications.apply.subscribeToStatus()
    void openDetail(submitted.id)
  }
  return (
    <View className='gm-card' ariaRole='region' ariaLabel='申请已提交'>
      <View ariaRole='alert'>
        <Text className='gm-card__title'>申请已提交</Text>
      </View>
      <Text>{`受理编号：${submitted.number}`}</Text>
      <Text className='gm-card__text'>{`办理进度有变化时，可以通过${platform.hostName}消息通知您。`}</Text>
      <Button className='gm-button' loading={applications.apply.subscribing} disabled={applications.apply.subscribing || undefined} onClick={() => void subscribe()}>
        接收办理进度通知
      </Button>
      <Button className='gm-button gm-button--secondary' onClick={() => void openDetail(submitted.id)}>
        不用了，查看办理进度
      </Button>
    </View>
  )
})

function ApplyPage() {
  const applications = useFeatureStore(applicationsStore)
  // Mini-programs pass the query still URL-encoded, H5 decoded; item codes survive either way.
  const code = decodeURIComponent(String(useRouter().params.code ?? ''))
  useLoad(() => {
    void applications.apply.openForm(code)
  })
  useUnload(() => applications.apply.closeForm())

  const form = applications.apply.form.data
  const submitted = applications.apply.submitted
  // Nothing to offer (H5 preview, no template configured for this platform): straight to the timeline.
  const offerNotifications = applications.apply.subscribableTemplates.length > 0
  const templatesSettled = applications.apply.templates.status === 'ready' || applications.apply.templates.status === 'error'
  const submittedId = submitted?.id
  useEffect(() => {
    if (submittedId && templatesSettled && !offerNotifications) void openDetail(submittedId)
  }, [submittedId, templatesSettled, offerNotifications])

  return (
    <Screen>
      <PageState state={applications.apply.form} emptyText='' onRetry={() => void applications.apply.loadForm()}>
        {form && (
          <View>
            <View className='gm-section'>
              <Text className='gm-section__title'>{form.item.name}</Text>
              <Text className='gm-hint gm-app-field'>已为您自动填好政府部门已有的信息，标有“已锁定”的不能修改。其余请核对、补充。</Text>
            </View>
            {submitted ? (
              offerNotifications ? (
                <SubmittedPanel submitted={submitted} />
              ) : (
                <View className='gm-state' ariaRole='status'>
                  <Text>{`申请已提交，受理编号：${submitted.number}。正在打开办理进度…`}</Text>
                </View>
              )
            ) : (
              <View>
                <View className='gm-section'>
                  <Text className='gm-section__title'>申请信息</Text>
                  {form.fields.map((field) => (
                    <FormField key={field.key} field={field} />
                  ))}
                </View>
                <MaterialList materials={form.materials} />
                <SubmitSection form={form} />
              </View>
            )}
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(ApplyPage)
