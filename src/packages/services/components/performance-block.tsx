import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { LabelValueRow } from '@/components/label-value-row'
import { useFeatureStore } from '@/stores/context'
import { performanceStore } from '@/packages/services/performance-store'
import { DEPARTMENTS_PAGE, figureLines, hiddenSentences, WINDOW_WORDS } from '@/packages/services/performance-words'

/**
 * 办事公开 on the 办事指南: how this service has actually done in the last 90 days (time to
 * finish against the promise, on time, completion, no counter visit, satisfaction) and the
 * latest bad reviews with the department's reply. A figure with too few cases is replaced by
 * a sentence saying so. Its own loading and error lines: the guide stays usable without it.
 */
export const PerformanceBlock = observer(function PerformanceBlock({ code }: { code: string }) {
  const performance = useFeatureStore(performanceStore)
  const state = performance.service(code)
  useEffect(() => {
    if (code) void performance.loadService(code)
  }, [code, performance])
  const data = state.data
  return (
    <View className='gm-section gm-svc-performance' ariaRole='region' ariaLabel='办事公开'>
      <Text className='gm-section__title'>{`办事公开（${WINDOW_WORDS}）`}</Text>
      {!data && state.status !== 'error' && <Text className='gm-hint'>正在加载办理情况…</Text>}
      {!data && state.status === 'error' && (
        <View className='gm-svc-performance__error' ariaRole='alert'>
          <Text>{`办理情况暂时无法显示：${state.error?.message ?? ''}`}</Text>
          <View className='gm-svc-link' ariaRole='button' onClick={() => void performance.loadService(code)}>
            <Text>重试</Text>
          </View>
        </View>
      )}
      {data && (
        <View>
          <Text className='gm-hint'>{`${WINDOW_WORDS}办结 ${data.figures.finished} 件`}</Text>
          <View className='gm-svc-rows'>
            {figureLines(data.figures, data.timeLimitDays).map((line) => (
              <LabelValueRow key={line.label} label={line.label} value={line.value} strong />
            ))}
          </View>
          {hiddenSentences(data.figures).map((sentence) => (
            <Text key={sentence} className='gm-hint gm-svc-performance__hidden'>
              {sentence}
            </Text>
          ))}
          {data.badReviews.length > 0 && (
            <View className='gm-svc-performance__reviews'>
              <Text className='gm-svc-row__strong'>最近的差评和部门答复</Text>
              {data.badReviews.map((review, index) => (
                <View key={index} className='gm-svc-review'>
                  <Text className='gm-svc-review__head'>{`${review.ratingName} · ${review.ratedOn}${review.tags.length > 0 ? ` · ${review.tags.join('、')}` : ''}`}</Text>
                  {review.text && <Text>{review.text}</Text>}
                  <Text className='gm-svc-review__reply'>{review.reply ? `部门答复（${review.repliedOn}）：${review.reply}` : '部门尚未答复'}</Text>
                </View>
              ))}
            </View>
          )}
          <View className='gm-svc-link gm-svc-performance__more' ariaRole='button' onClick={() => Taro.navigateTo({ url: DEPARTMENTS_PAGE })}>
            <Text>查看各部门办理情况排名</Text>
          </View>
        </View>
      )}
    </View>
  )
})
