import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState, type ReactNode } from 'react'
import { PageState } from '@/components/page-state'
import { ReadAloud } from '@/components/read-aloud'
import { Screen } from '@/components/screen'
import { FROM_CERTIFICATE_LABEL } from '@/contract/services/data'
import type { ServiceGuide } from '@/contract/services/schemas'
import { useFeatureStore, useStores } from '@/stores/context'
import { catalogueStore } from '@/packages/services/catalogue-store'
import { OnlineBadge } from '@/packages/services/components/online-badge'
import { PerformanceBlock } from '@/packages/services/components/performance-block'
import { applyUrl, bookUrl, CATALOGUE_PAGE, HOW_TO_APPLY, ONLINE_LEVEL_HINT, SEARCH_PAGE } from '@/packages/services/words'
import { LabelValueRow } from '@/components/label-value-row'
import { FeeRow } from '@/packages/services/components/fee-row'
import '@/packages/services/services.css'

/** A guide section; `speech` is what its 朗读 control reads (the section in words). */
function Section({ title, speech, children }: { title: string; speech: string; children: ReactNode }) {
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>{title}</Text>
      <ReadAloud id={`guide-${title}`} subject={title} text={`${title}。${speech}`} />
      {children}
    </View>
  )
}

/** 在线办理 for 全程网办 items; for the others, how to do it in one plain sentence. */
function HowToApply({ guide }: { guide: ServiceGuide }) {
  if (guide.canApplyOnline) {
    return (
      <View className='gm-svc-apply'>
        <Text>已知的信息会自动填好，电子证照可直接调用，不用再上传。</Text>
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: applyUrl(guide.code) })}>
          在线办理
        </Button>
      </View>
    )
  }
  const level = guide.onlineLevel === 'full_online' ? 'info' : guide.onlineLevel
  return (
    <View className='gm-svc-apply'>
      <Text className='gm-svc-row__strong'>如何办理</Text>
      <Text>{HOW_TO_APPLY[level]}</Text>
      {level === 'pre_review' && (
        <Button className='gm-button' onClick={() => Taro.navigateTo({ url: applyUrl(guide.code) })}>
          在线预审
        </Button>
      )}
      {(level === 'appointment' || level === 'pre_review') && (
        <Button className={level === 'pre_review' ? 'gm-button gm-button--secondary' : 'gm-button'} onClick={() => Taro.navigateTo({ url: bookUrl(guide.code) })}>
          预约办理
        </Button>
      )}
    </View>
  )
}

function Materials({ materials }: { materials: ServiceGuide['materials'] }) {
  return (
    <View>
      {materials.map((material, index) => (
        <View key={`${index}-${material.name}`} className='gm-svc-material'>
          <Text className='gm-svc-material__name'>{`${index + 1}. ${material.name}`}</Text>
          <Text className='gm-svc-material__meta'>{`${material.form} · ${material.copies} 份`}</Text>
          {material.note && <Text className='gm-svc-material__meta'>{material.note}</Text>}
          {material.fromCertificate && <Text className='gm-svc-cert'>{material.fromCertificateLabel ?? FROM_CERTIFICATE_LABEL}</Text>}
        </View>
      ))}
    </View>
  )
}

/**
 * Questions collapsed; a tap opens one answer. Each question is a button named by its visible
 * text, which ends with what a tap does (展开 / 收起), so the state is said in words.
 */
function Faq({ faq }: { faq: ServiceGuide['faq'] }) {
  const [open, setOpen] = useState<number | undefined>(undefined)
  return (
    <View>
      {faq.map((entry, index) => {
        const expanded = open === index
        return (
          <View key={index} className='gm-svc-faq'>
            <View className='gm-svc-faq__question' ariaRole='button' onClick={() => setOpen(expanded ? undefined : index)}>
              <Text>{entry.question}</Text>
              <Text className='gm-svc-faq__word'>{expanded ? '收起' : '展开'}</Text>
            </View>
            {expanded && <Text className='gm-svc-faq__answer'>{entry.answer}</Text>}
          </View>
        )
      })}
    </View>
  )
}

const Counter = observer(function Counter({ counter }: { counter: ServiceGuide['counter'] }) {
  const catalogue = useFeatureStore(catalogueStore)
  return (
    <View className='gm-svc-rows'>
      <LabelValueRow label='办理地点' value={counter.address} />
      <LabelValueRow label='办理时间' value={counter.hours} />
      {counter.phone && (
        <LabelValueRow label='咨询电话' value={counter.phone}>
          <Button className='gm-button gm-button--small gm-button--secondary' ariaLabel={`拨打咨询电话 ${counter.phone}`} onClick={() => void catalogue.callCounter(counter.phone!)}>
            拨打
          </Button>
        </LabelValueRow>
      )}
    </View>
  )
})

/** The head of the guide in words: name, department, how far it can be done online, time limit, fees, how to apply. */
function guideHeadWords(guide: ServiceGuide): string {
  const how = guide.canApplyOnline ? '可以在线办理。' : `${HOW_TO_APPLY[guide.onlineLevel === 'full_online' ? 'info' : guide.onlineLevel]}。`
  return `${guide.name}。${guide.department}办理，${guide.onlineLevelName}。承诺时限：${guide.timeLimitText}。收费：${guide.fees}。${how}`
}

function materialsWords(materials: ServiceGuide['materials']): string {
  return materials
    .map((material, index) => `${index + 1}，${material.name}，${material.form}${material.copies}份${material.note ? `，${material.note}` : ''}${material.fromCertificate ? `，${material.fromCertificateLabel ?? FROM_CERTIFICATE_LABEL}` : ''}`)
    .join('。')
}

const GuideBody = observer(function GuideBody({ guide }: { guide: ServiceGuide }) {
  const { ui } = useStores()
  const fromCertificates = guide.materials.filter((material) => material.fromCertificate).length
  return (
    <View>
      <View className='gm-svc-guide__head'>
        <Text className='gm-svc-guide__name'>{guide.name}</Text>
        <Text className='gm-hint'>{`${guide.department} · ${guide.audiences.map((audience) => audience.name).join('、')}`}</Text>
        <View className='gm-svc-guide__level'>
          <OnlineBadge level={guide.onlineLevel} name={guide.onlineLevelName} />
          <Text className='gm-hint'>{ONLINE_LEVEL_HINT[guide.onlineLevel]}</Text>
        </View>
      </View>
      <View className='gm-svc-rows'>
        <LabelValueRow label='承诺时限' value={guide.timeLimitText} strong />
        <LabelValueRow label='收费' value={guide.fees} />
        <FeeRow code={guide.code} online={guide.onlineLevel === 'full_online'} />
        {!ui.elderlyMode && <LabelValueRow label='事项分类' value={guide.category} />}
      </View>
      <ReadAloud id='guide-head' subject='事项概况' text={guideHeadWords(guide)} className='gm-read-aloud--page' />
      <HowToApply guide={guide} />
      <Section title='办理条件' speech={guide.conditions.map((condition, index) => `${index + 1}，${condition}`).join('。')}>
        <View className='gm-svc-list'>
          {guide.conditions.map((condition, index) => (
            <View key={index} className='gm-svc-list__item'>
              <Text className='gm-svc-list__index'>{`${index + 1}.`}</Text>
              <Text>{condition}</Text>
            </View>
          ))}
        </View>
      </Section>
      <Section title={`申请材料（${guide.materials.length} 项）`} speech={materialsWords(guide.materials)}>
        {fromCertificates > 0 && <Text className='gm-hint gm-svc-count'>{`其中 ${fromCertificates} 项可用电子证照代替：您持有的，在线办理时会告诉您将使用哪一本，不用再提交。`}</Text>}
        <Materials materials={guide.materials} />
      </Section>
      <Section title='办理地点和时间' speech={`办理地点：${guide.counter.address}。办理时间：${guide.counter.hours}。${guide.counter.phone ? `咨询电话：${guide.counter.phone}。` : ''}`}>
        <Counter counter={guide.counter} />
      </Section>
      <Section title='设定依据' speech={guide.legalBasis}>
        <Text className='gm-svc-para'>{guide.legalBasis}</Text>
      </Section>
      {guide.faq.length > 0 && (
        <Section title='常见问题' speech={guide.faq.map((entry) => `问：${entry.question}。答：${entry.answer}`).join('。')}>
          <Faq faq={guide.faq} />
        </Section>
      )}
    </View>
  )
})

function GuidePage() {
  const catalogue = useFeatureStore(catalogueStore)
  const code = decodeURIComponent(useRouter().params.code ?? '')
  const state = catalogue.guide(code)
  const load = (refresh = false) => catalogue.loadGuide(code, refresh)
  useLoad(() => {
    // The bar says which item this is (the page may be one of several guides in the stack).
    void load().then(() => {
      const name = catalogue.guide(code).data?.name
      if (name) void Taro.setNavigationBarTitle({ title: name })
    })
  })
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (state.error?.code === 'NOT_FOUND' && !state.data) {
    // Retrying cannot help an item that is gone: offer the ways to find another.
    return (
      <Screen>
        <View className='gm-state gm-state--empty' ariaRole='alert'>
          <Text className='gm-state__title'>没有找到这个事项</Text>
          <Text className='gm-state__text'>{state.error.message}</Text>
          <Button className='gm-button' onClick={() => Taro.redirectTo({ url: SEARCH_PAGE })}>
            搜索其他事项
          </Button>
          <Button className='gm-button gm-button--secondary' onClick={() => Taro.redirectTo({ url: CATALOGUE_PAGE })}>
            按分类查找事项
          </Button>
        </View>
      </Screen>
    )
  }
  return (
    <Screen>
      <PageState state={state} emptyText='没有找到这个事项' onRetry={() => void load(true)}>
        {state.data && <GuideBody guide={state.data} />}
      </PageState>
      {/* 办事公开: how the service has actually done, before the citizen applies. */}
      {state.data && <PerformanceBlock code={code} />}
    </Screen>
  )
}

export default observer(GuidePage)
