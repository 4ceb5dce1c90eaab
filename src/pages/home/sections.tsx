/**
 * The home page's own sections: what citizens of 粤省事 / 随申办 / 浙里办 look for first (their
 * account state, scan, messages, the hotline, recent and popular services, 一件事).
 * Subpackage routes are plain strings: importing them would pull the subpackage into main.
 */
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { FEATURES } from '@/features'
import { levelLabel, LOGIN_PAGE, REAL_NAME_PAGE } from '@/identity-levels'
import { ApiError } from '@/platform/api-error'
import { useStores } from '@/stores/context'

export const INBOX_PAGE = '/packages/messages/pages/inbox/index'
export const SCAN_RESULT_PAGE = '/packages/scan/pages/result/index'
const GUIDE_PAGE = '/packages/services/pages/guide/index'
const CATALOGUE_PAGE = '/packages/services/pages/catalogue/index'
/** 一件事一次办: packages of items applied for once (the life-events subpackage). */
const LIFE_EVENTS_PAGE = '/packages/life-events/pages/index/index'
/** 12345 政务服务便民热线: one number nationwide, answered by the local government. */
export const HOTLINE = '12345'

const go = (url: string) => void Taro.navigateTo({ url })

/** Login and real-name state in words, and the one tap that moves it on. */
export const UserCard = observer(function UserCard() {
  const { session } = useStores()
  if (!session.loggedIn) {
    return (
      <View className='gm-user-card'>
        <Text className='gm-user-card__title'>未登录</Text>
        <Text className='gm-user-card__text'>登录后查看健康码、社保、电子证照和办件进度</Text>
        <Button className='gm-button gm-user-card__action' onClick={() => go(LOGIN_PAGE)}>
          登录
        </Button>
      </View>
    )
  }
  const profile = session.profile.data
  if (!profile) {
    return (
      <View className='gm-user-card' ariaRole='status'>
        <Text className='gm-user-card__title'>已登录</Text>
        <Text className='gm-user-card__text'>{session.profile.status === 'error' ? '暂时读不到认证状态' : '正在读取认证状态…'}</Text>
      </View>
    )
  }
  const name = profile.citizen?.name
  return (
    <View className='gm-user-card'>
      <Text className='gm-user-card__title'>{name ? `您好，${name}` : '已登录'}</Text>
      <Text className='gm-user-card__text'>{levelLabel(profile.level)}</Text>
      {profile.level < 4 && (
        <Button className='gm-button gm-user-card__action' onClick={() => go(REAL_NAME_PAGE)}>
          {profile.level < 3 ? '去实名认证' : '去人脸核验'}
        </Button>
      )}
    </View>
  )
})

/** 扫一扫 (only where the host has a scanner), 消息 with its unread badge, 12345 热线. */
export const QuickActions = observer(function QuickActions() {
  const { platform, session, home } = useStores()
  const [scanError, setScanError] = useState<string | undefined>(undefined)
  const scan = async () => {
    setScanError(undefined)
    try {
      const text = await platform.scanCode()
      go(`${SCAN_RESULT_PAGE}?text=${encodeURIComponent(text)}`)
    } catch (error) {
      // Closing the camera is not an error.
      if (!(error instanceof ApiError && error.code === 'CANCELLED')) setScanError(error instanceof Error ? error.message : '扫码没有成功，请再试一次')
    }
  }
  const unread = session.level >= 4 ? home.unreadCount : 0
  return (
    <View>
      <View className='gm-quick'>
        {platform.features.scanCode && (
          <View className='gm-quick__item' ariaRole='button' onClick={() => void scan()}>
            <Text className='gm-quick__glyph' aria-hidden='true'>扫</Text>
            <Text>扫一扫</Text>
          </View>
        )}
        {session.loggedIn && (
          // Named by its visible text (axe: the name must contain it): 消息, then the count and a hidden 条未读.
          <View className='gm-quick__item' ariaRole='button' onClick={() => go(INBOX_PAGE)}>
            <Text className='gm-quick__glyph' aria-hidden='true'>信</Text>
            <Text>消息</Text>
            {unread > 0 && <Text className='gm-badge'>{unread > 99 ? '99+' : String(unread)}</Text>}
            {unread > 0 && <Text className='gm-sr-only'>条未读</Text>}
          </View>
        )}
        <View
          className='gm-quick__item'
          ariaRole='button'
          onClick={() => void platform.makePhoneCall(HOTLINE).catch(() => undefined)}
        >
          <Text className='gm-quick__glyph' aria-hidden='true'>话</Text>
          <Text>12345热线</Text>
        </View>
      </View>
      {scanError && <Text className='gm-error gm-quick__error'>{scanError}</Text>}
    </View>
  )
})

/** 最近使用: the features opened on this device, newest first. */
export const RecentFeatures = observer(function RecentFeatures() {
  const { home } = useStores()
  const entries = home.recent.map((key) => FEATURES.find((feature) => feature.key === key)).filter((entry) => entry !== undefined)
  if (entries.length === 0) return null
  return (
    <View className='gm-section'>
      <Text className='gm-section__title'>最近使用</Text>
      <View className='gm-chips'>
        {entries.map((entry) => (
          <View
            key={entry.key}
            className='gm-chip'
            ariaRole='link'
            onClick={() => {
              home.opened(entry.key)
              go(entry.url)
            }}
          >
            <Text>{entry.title}</Text>
          </View>
        ))}
      </View>
    </View>
  )
})

/** 热门服务 (the catalogue's most used) and 一件事 (life events, each opening the catalogue filtered by it). */
export const PopularServices = observer(function PopularServices() {
  const { home } = useStores()
  const data = home.services.data
  if (!data) return null
  return (
    <View>
      {data.lifeEvents.length > 0 && (
        <View className='gm-section'>
          <Text className='gm-section__title'>一件事 · 按人生事件办</Text>
          <View className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => go(LIFE_EVENTS_PAGE)}>
            <Text className='gm-list-row__label'>一件事一次办</Text>
            <Text className='gm-list-row__value'>填写一次，各部门分别办理</Text>
          </View>
          <View className='gm-chips'>
            {data.lifeEvents.map((event) => (
              <View key={event.key} className='gm-chip' ariaRole='link' onClick={() => go(`${CATALOGUE_PAGE}?by=lifeEvent&value=${encodeURIComponent(event.key)}`)}>
                <Text>{event.name}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
      {data.popular.length > 0 && (
        <View className='gm-section'>
          <Text className='gm-section__title'>热门服务</Text>
          {data.popular.map((item) => (
            <View key={item.code} className='gm-list-row gm-list-row--action' ariaRole='link' onClick={() => go(`${GUIDE_PAGE}?code=${encodeURIComponent(item.code)}`)}>
              <Text className='gm-list-row__label'>{item.name}</Text>
              <Text className='gm-list-row__value'>{item.department}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
})
