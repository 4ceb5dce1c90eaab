import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ApplicationDetail } from '@/contract/applications/schemas'
import { AlertText } from '@/components/alert-text'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { useFeatureStore, useStores } from '@/stores/context'
import { applicationsStore } from '@/packages/applications/stores/applications-store'
import { ApplicationRecordsStore } from '@/packages/applications/stores/application-records-store'
import { UploadControl } from '@/packages/applications/components/upload-control'
import { Deadline } from '@/packages/applications/components/deadline'
import { TextBox } from '@/packages/applications/components/text-box'
import { StatusBadge } from '@/packages/applications/components/status-badge'
import { Timeline } from '@/packages/applications/components/timeline'
import { PaymentCard } from '@/packages/applications/components/payment-card'
import { bookVisitUrl, FEEDBACK_NEW_PAGE, RATE_PAGE, RESULT_PAGE } from '@/packages/applications/words'
import '@/packages/applications/applications.css'

/** Withdraw while 已提交, after an inline confirmation that says what it means. */
const WithdrawSection = observer(function WithdrawSection({ application }: { application: ApplicationDetail }) {
  const applications = useFeatureStore(applicationsStore)
  if (!application.canWithdraw) return applications.records.withdrawError ? <AlertText>{applications.records.withdrawError.message}</AlertText> : null
  const confirming = applications.records.confirmingWithdraw === application.id
  return (
    <View className='gm-actions'>
      {confirming ? (
        <View className='gm-app-confirm' ariaRole='region' ariaLabel='确认撤回申请'>
          <Text>{`确定撤回“${application.itemName}”的申请吗？撤回后部门不再办理，如仍需办理要重新申请。`}</Text>
          {applications.records.withdrawError && <AlertText>{applications.records.withdrawError.message}</AlertText>}
          <Button className='gm-button' loading={applications.records.withdrawing} disabled={applications.records.withdrawing || undefined} onClick={() => void applications.records.withdraw(application.id)}>
            确认撤回
          </Button>
          <Button className='gm-button gm-button--secondary' onClick={() => applications.records.cancelWithdraw()}>
            不撤回
          </Button>
        </View>
      ) : (
        <View className='gm-actions'>
          <Button className='gm-button gm-button--secondary' onClick={() => applications.records.askWithdraw(application.id)}>
            撤回申请
          </Button>
          <Text className='gm-hint'>部门受理前可以撤回。</Text>
        </View>
      )}
    </View>
  )
})

/** 补正: what the department needs, and 已补正 with a short note (the time limit waits meanwhile). */
const SupplementSection = observer(function SupplementSection({ application }: { application: ApplicationDetail }) {
  const applications = useFeatureStore(applicationsStore)
  const records = applications.records
  if (application.status !== 'supplement_requested' || !application.supplementItems) return null
  // Only the materials the reviewer named are offered again; the others stay as submitted.
  const reupload = ApplicationRecordsStore.reuploadable(application)
  return (
    <View className='gm-section gm-card' ariaRole='region' ariaLabel='需要补正'>
      <Text className='gm-section__title'>{`需要补正：${application.supplementItems.join('；')}`}</Text>
      <Text className='gm-hint'>请按要求补充材料或信息（需到窗口提交的请送到窗口），然后点“已补正”并简要说明。补正期间不计算办理时限。</Text>
      {reupload.map((material) => (
        <View key={material} className='gm-app-material'>
          <Text className='gm-app-material__name'>{`请重新上传：${material}`}</Text>
          <Text className='gm-hint'>新文件会替换原来提交的文件（照片或 PDF）。</Text>
          <UploadControl material={material} itemCode={application.itemCode} uploads={records.supplementUploads} />
          {records.supplementMissing.includes(material) && records.supplementUploads.of(material)?.status !== 'done' && <AlertText>{`请上传“${material}”（照片或 PDF）`}</AlertText>}
        </View>
      ))}
      <TextBox
        label='补正说明'
        value={records.supplementNote}
        max={500}
        placeholder='例如：已补充户口簿首页复印件'
        problem={records.supplementCall.error?.message}
        onInput={(value) => records.setSupplementNote(value)}
      />
      {/* Busy in words, not Taro's spinner: on H5 the spinner's re-render threw insertBefore when the answered section left the page. */}
      <Button className='gm-button' disabled={records.supplementCall.busy || records.supplementUploads.busy || undefined} onClick={() => void records.supplement(application.id, reupload)}>
        {records.supplementCall.busy ? '正在提交…' : '已补正'}
      </Button>
    </View>
  )
})

/** 在线预审 passed: the one visit to the hall, booked from here; once there, the hall's scan records it (已到大厅). */
function PreReviewSection({ application }: { application: ApplicationDetail }) {
  if (application.status !== 'pre_review_passed') return null
  return (
    <View className='gm-section gm-card' ariaRole='region' ariaLabel='预审通过'>
      <Text className='gm-section__title'>预审已通过，请预约到大厅</Text>
      <Text className='gm-hint'>材料已经部门预审。请预约一个时段，带齐原件按时前往；到场扫码登记后当场受理，只需跑一次。</Text>
      <Button className='gm-button' onClick={() => void Taro.navigateTo({ url: bookVisitUrl(application.itemCode) })}>
        预约到大厅
      </Button>
    </View>
  )
}

function SubmittedValues({ application }: { application: ApplicationDetail }) {
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>提交的信息</Text>
      {application.values.map((value) => (
        <View key={value.key} className='gm-list-row'>
          <Text className='gm-list-row__label'>{value.label}</Text>
          <Text className='gm-list-row__value'>{value.value}</Text>
        </View>
      ))}
      {application.materials.map((material) => (
        <View key={material.name} className='gm-list-row'>
          <Text className='gm-list-row__label'>{material.name}</Text>
          <Text className='gm-list-row__value'>{material.provision === 'certificate' ? '已关联电子证照' : material.provision === 'upload' ? '已上传' : '到窗口提交'}</Text>
        </View>
      ))}
    </View>
  )
}

function DetailPage() {
  const { ui } = useStores()
  const applications = useFeatureStore(applicationsStore)
  const id = String(useRouter().params.id ?? '')
  const state = applications.records.detail(id)
  const load = () => applications.records.loadDetail(id)
  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useUnload(() => applications.records.cancelWithdraw())
  const application = state.data
  return (
    <Screen>
      <PageState state={state} emptyText='' onRetry={() => void load()}>
        {application && (
          <View>
            <View className='gm-card'>
              <View className='gm-app-card__head'>
                <Text className='gm-app-card__name'>{application.itemName}</Text>
                <StatusBadge status={application.status} words={application.statusName} />
              </View>
              <Text className='gm-app-meta'>{`受理编号 ${application.number} · ${application.department}`}</Text>
              {application.submittedBy && <Text className='gm-app-meta'>{`亲情代办：${application.submittedBy}`}</Text>}
            </View>
            <Deadline application={application} />
            <View className='gm-section'>
              <Text className='gm-section__title'>办理进度</Text>
              <Timeline application={application} />
            </View>
            <PaymentCard applicationId={application.id} applicationStatus={application.status} />
            <SupplementSection application={application} />
            <PreReviewSection application={application} />
            <WithdrawSection application={application} />
            {application.status === 'completed' && (
              <View className='gm-actions'>
                <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${RESULT_PAGE}?applicationId=${application.id}` })}>
                  查看办理结果
                </Button>
                <Text className='gm-hint'>电子证明可下载、转发；款项显示到账账户；证件可选择邮寄或窗口领取。</Text>
                <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `${RATE_PAGE}?id=${application.id}` })}>
                  去评价
                </Button>
                <Text className='gm-hint'>您的评价会转给办理部门；不满意的评价，部门会答复并整改。</Text>
              </View>
            )}
            {!ui.elderlyMode && <SubmittedValues application={application} />}
            <View className='gm-actions'>
              <Button
                className='gm-button gm-button--secondary'
                onClick={() => Taro.navigateTo({ url: `${FEEDBACK_NEW_PAGE}?kind=consultation&category=application_progress&itemCode=${encodeURIComponent(application.itemCode)}&itemName=${encodeURIComponent(application.itemName)}` })}
              >
                对办理有疑问？咨询或投诉
              </Button>
            </View>
          </View>
        )}
      </PageState>
    </Screen>
  )
}

export default observer(DetailPage)
