import { Button, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AlertText } from '@/components/alert-text'
import { ChoiceChips, type Choice } from '@/components/choice-chips'
import { PageState } from '@/components/page-state'
import { Screen } from '@/components/screen'
import { SearchEntry } from '@/components/search-entry'
import { packageOfLifeEvent } from '@/contract/life-events/data'
import { BROWSE_WORDS, type BrowseBy } from '@/packages/services/catalogue-store'
import { useFeatureStore, useStores } from '@/stores/context'
import { catalogueStore } from '@/packages/services/catalogue-store'
import { ServiceRow } from '@/packages/services/components/service-row'
import '@/packages/services/services.css'

const BROWSE_CHOICES: Choice<BrowseBy>[] = (Object.keys(BROWSE_WORDS) as BrowseBy[]).map((by) => ({ value: by, label: `按${BROWSE_WORDS[by]}` }))
const isBrowseBy = (value: string | undefined): value is BrowseBy => value !== undefined && value in BROWSE_WORDS

/** The facet entries of the chosen tab, with 全部 first; each says how many items it holds. */
const FacetChips = observer(function FacetChips() {
  const catalogue = useFeatureStore(catalogueStore)
  const total = catalogue.facets.data?.total ?? 0
  const choices: Choice<string | undefined>[] = [
    { value: undefined, label: `全部（${total}）` },
    ...catalogue.facetChoices.map((facet) => ({ value: facet.key, label: `${facet.name}（${facet.count}）` })),
  ]
  return <ChoiceChips label={`选择${BROWSE_WORDS[catalogue.browseBy]}`} choices={choices} selected={catalogue.selected} onSelect={(value) => void catalogue.select(value)} />
})

function CataloguePage() {
  const { ui } = useStores()
  const catalogue = useFeatureStore(catalogueStore)
  const { by, value } = useRouter().params
  const load = () => Promise.all([catalogue.loadFacets(), catalogue.loadList()])
  useLoad(() => {
    // A link may open one facet directly, e.g. ?by=lifeEvent&value=birth.
    if (isBrowseBy(by) && by !== catalogue.browseBy) {
      void catalogue.loadFacets()
      void catalogue.browse(by).then(() => (value ? catalogue.select(decodeURIComponent(value)) : undefined))
      return
    }
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void catalogue.loadMore()
  })

  const list = catalogue.list.data
  // A life event with a 一件事一次办 package: offer applying for all its items at once (another feature, by URL).
  const lifeEventPackage = catalogue.browseBy === 'lifeEvent' && catalogue.selected ? packageOfLifeEvent(catalogue.selected) : undefined
  const chosen = catalogue.facetChoices.find((facet) => facet.key === catalogue.selected)?.name
  // Another filter's items are still shown while the new one loads: say so instead.
  const switching = catalogue.list.status === 'loading' && list !== undefined && (list.by !== catalogue.browseBy || list.value !== catalogue.selected)

  return (
    <Screen>
      <SearchEntry />
      <ChoiceChips label='浏览方式' choices={BROWSE_CHOICES} selected={catalogue.browseBy} onSelect={(next) => void catalogue.browse(next)} />
      <PageState state={catalogue.facets} emptyText='暂时没有可查看的事项，请稍后再来。' onRetry={() => void catalogue.loadFacets()}>
        <FacetChips />
      </PageState>
      {lifeEventPackage && (
        <View className='gm-card'>
          <Text className='gm-card__title'>{`${lifeEventPackage.name}，一次办`}</Text>
          <Text className='gm-card__text'>{lifeEventPackage.summary}</Text>
          <Button className='gm-button' onClick={() => Taro.navigateTo({ url: `/packages/life-events/pages/guide/index?key=${lifeEventPackage.key}` })}>
            {`查看${lifeEventPackage.name}`}
          </Button>
        </View>
      )}
      <View className='gm-section'>
        <Text className='gm-section__title'>{chosen ?? '全部事项'}</Text>
        {switching ? (
          <View className='gm-state' ariaRole='status'>
            <Text>正在加载…</Text>
          </View>
        ) : (
          <PageState state={catalogue.list} emptyText='这里暂时没有事项，请选择其他分类，或用上方搜索框查找。' onRetry={() => void catalogue.loadList()}>
            {list && (
              <View>
                <Text className='gm-svc-count'>{`共 ${list.total} 项`}</Text>
                {list.items.map((item) => (
                  <ServiceRow key={item.code} item={item} elderly={ui.elderlyMode} />
                ))}
                {catalogue.moreError && <AlertText>{`${catalogue.moreError.message}（可再点“加载更多”）`}</AlertText>}
                {catalogue.hasMore ? (
                  <View className='gm-actions'>
                    <Button className='gm-button gm-button--secondary' loading={catalogue.loadingMore} onClick={() => void catalogue.loadMore()}>
                      {`加载更多（已显示 ${list.items.length}/${list.total} 项）`}
                    </Button>
                  </View>
                ) : (
                  list.items.length > 0 && <Text className='gm-hint gm-svc-count'>已显示全部事项</Text>
                )}
              </View>
            )}
          </PageState>
        )}
      </View>
    </Screen>
  )
}

export default observer(CataloguePage)
