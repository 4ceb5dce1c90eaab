import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useLoad, useReady, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { MATCHED_FIELDS, SEARCH_QUERY_MAX_LENGTH } from '@/contract/services/data'
import type { SearchHit } from '@/contract/services/schemas'
import { useFeatureStore, useStores } from '@/stores/context'
import { catalogueStore } from '@/packages/services/catalogue-store'
import { OnlineBadge } from '@/packages/services/components/online-badge'
import { VoiceSearch } from '@/packages/services/components/voice-search'
import { CATALOGUE_PAGE, feedbackUrl, guideUrl } from '@/packages/services/words'
import '@/packages/services/services.css'

/** Longer than a page transition (Taro's is 300 ms). */
const FOCUS_AFTER_MS = 400

/** Pieces of text with the matched ones marked (bold, underlined, coloured). */
function Highlighted({ pieces, className }: { pieces: SearchHit['highlight']; className: string }) {
  return (
    <View className={className}>
      {pieces.map((piece, index) => (
        <Text key={index} className={piece.hit ? 'gm-svc-hit' : undefined}>
          {piece.text}
        </Text>
      ))}
    </View>
  )
}

const HitRow = observer(function HitRow({ hit }: { hit: SearchHit }) {
  const { ui } = useStores()
  const byName = hit.matchedField === 'name'
  // Named by its visible text: the name (highlighted pieces), level, department, time limit.
  return (
    <View className='gm-svc-item' ariaRole='button' onClick={() => Taro.navigateTo({ url: guideUrl(hit.code) })}>
      {byName ? <Highlighted pieces={hit.highlight} className='gm-svc-item__name' /> : <Text className='gm-svc-item__name'>{hit.name}</Text>}
      {!byName && (
        <View className='gm-svc-item__match'>
          <Text>{`${MATCHED_FIELDS[hit.matchedField]}：`}</Text>
          {hit.highlight.map((piece, index) => (
            <Text key={index} className={piece.hit ? 'gm-svc-hit' : undefined}>
              {piece.text}
            </Text>
          ))}
        </View>
      )}
      <View className='gm-svc-item__meta'>
        <OnlineBadge level={hit.onlineLevel} name={hit.onlineLevelName} />
        <Text>{hit.department}</Text>
        {!ui.elderlyMode && <Text>{`承诺时限 ${hit.timeLimitText}`}</Text>}
      </View>
    </View>
  )
})

/** What the items below are when nothing matched, in words. */
const RELAXED_WORDS = {
  similar: (query: string) => `没有找到与“${query}”完全相符的事项，下面是可能相关的事项。`,
  popular: (query: string) => `没有找到与“${query}”有关的事项，下面是大家常办的事项。`,
} as const

/**
 * Nothing matched well: say so plainly, offer the two ways on (telling us, browsing), and
 * show what the search found instead (closest or most used) below.
 */
function NoResult({ query, relaxed }: { query: string; relaxed: 'similar' | 'popular' }) {
  return (
    <View className='gm-state gm-state--empty' ariaRole='status'>
      <Text className='gm-state__title'>{RELAXED_WORDS[relaxed](query)}</Text>
      <Text className='gm-state__text'>可以换个说法再搜；如果没有您要办的事，请点“没找到我要办的”告诉我们（会带上您搜索的词，证件号、手机号等数字会隐去），我们会尽快补上。</Text>
      <Button className='gm-button' onClick={() => Taro.navigateTo({ url: feedbackUrl(query) })}>
        没找到我要办的
      </Button>
      <Button className='gm-button gm-button--secondary' onClick={() => Taro.navigateTo({ url: CATALOGUE_PAGE })}>
        按分类查找事项
      </Button>
    </View>
  )
}

/** 联想: names and aliases for what is being typed; a tap searches for it. */
const Suggestions = observer(function Suggestions() {
  const catalogue = useFeatureStore(catalogueStore)
  const items = catalogue.suggestions.data?.items ?? []
  if (!catalogue.suggesting || items.length === 0) return null
  return (
    <View className='gm-section' ariaRole='group' ariaLabel='搜索联想'>
      {items.map((item) => (
        <View key={`${item.code}-${item.text}`} className='gm-svc-suggestion' ariaRole='button' ariaLabel={`搜索 ${item.text}`} onClick={() => void catalogue.submit(item.text)}>
          <Highlighted pieces={item.highlight} className='gm-svc-suggestion__text' />
        </View>
      ))}
    </View>
  )
})

const History = observer(function History() {
  const catalogue = useFeatureStore(catalogueStore)
  if (catalogue.history.length === 0) {
    return (
      <View className='gm-section'>
        <Text className='gm-hint gm-svc-count'>输入事项名称、常用叫法或部门，例如：身份证、社保、公积金。</Text>
      </View>
    )
  }
  return (
    <View className='gm-section'>
      <View className='gm-svc-section-head'>
        <Text className='gm-section__title'>最近搜索</Text>
        <View className='gm-svc-link' ariaRole='button' ariaLabel='清空最近搜索' onClick={() => catalogue.clearHistory()}>
          <Text>清空</Text>
        </View>
      </View>
      <View className='gm-svc-history'>
        {catalogue.history.map((entry) => (
          <View key={entry} className='gm-chip' ariaRole='button' ariaLabel={`搜索 ${entry}`} onClick={() => void catalogue.submit(entry)}>
            <Text>{entry}</Text>
          </View>
        ))}
      </View>
      <Text className='gm-hint gm-svc-count'>最近搜索只保存在本机，最多10条。</Text>
    </View>
  )
})

function SearchPage() {
  const catalogue = useFeatureStore(catalogueStore)
  const { q } = useRouter().params
  useLoad(() => {
    // Each visit starts with an empty box and the history; a query in the link searches at once.
    void catalogue.openSearch(q ? decodeURIComponent(q) : undefined)
  })
  // The box takes the focus once the page has slid in, so the citizen can type at once. Not at
  // first render: during the page transition the tap that opened the page (H5) or the push
  // animation (mini-programs) takes the focus or the keyboard away again.
  const [ready, setReady] = useState(false)
  const [focus, setFocus] = useState(false)
  useReady(() => setReady(true))
  useEffect(() => {
    if (!ready) return undefined
    const timer = setTimeout(() => setFocus(true), FOCUS_AFTER_MS)
    return () => clearTimeout(timer)
  }, [ready])
  const results = catalogue.results
  const searching = catalogue.searchedFor !== ''
  return (
    <Screen>
      <View className='gm-svc-searchbar' ariaRole='search'>
        {/* Mounted once the page is ready, holding the query from the start: Taro's H5 input threw in
            its watchValue when its value changed between its creation and its first render (a query
            in the link arriving then), which a loaded machine made likely. */}
        {ready ? (
          <Input
            className='gm-input'
            ariaLabel='搜索办事服务'
            placeholder='输入要办的事，如：身份证'
            value={catalogue.query}
            focus={focus}
            confirmType='search'
            maxlength={SEARCH_QUERY_MAX_LENGTH}
            onInput={(event) => catalogue.type(event.detail.value)}
            onConfirm={(event) => void catalogue.submit(event.detail.value)}
          />
        ) : (
          <View className='gm-input' />
        )}
        <Button className='gm-button' onClick={() => void catalogue.submit()}>
          搜索
        </Button>
      </View>
      <VoiceSearch onHeard={(text) => catalogue.type(text)} />
      {!searching && <History />}
      {searching && results.status === 'loading' && (
        <View className='gm-state gm-state--loading' ariaRole='status'>
          <Text>正在搜索…</Text>
        </View>
      )}
      {searching && <Suggestions />}
      {searching && results.status !== 'loading' && (
        <View className='gm-section'>
          <PageState state={results} emptyText={`没有找到与“${catalogue.searchedFor}”有关的事项`} onRetry={() => void catalogue.search(catalogue.searchedFor)}>
            {results.data && (
              <View>
                {results.data.relaxed === 'none' ? (
                  <View ariaRole='status'>
                    <Text className='gm-svc-count'>
                      {results.data.total > results.data.items.length
                        ? `找到 ${results.data.total} 项，显示最相关的 ${results.data.items.length} 项`
                        : `找到 ${results.data.total} 项`}
                    </Text>
                  </View>
                ) : (
                  <NoResult query={catalogue.searchedFor} relaxed={results.data.relaxed} />
                )}
                {results.data.items.map((hit) => (
                  <HitRow key={hit.code} hit={hit} />
                ))}
              </View>
            )}
          </PageState>
        </View>
      )}
    </Screen>
  )
}

export default observer(SearchPage)
