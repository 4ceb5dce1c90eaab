import { Text } from '@tarojs/components'
import type { OnlineLevel } from '@/contract/services/data'

/** How far the item can be done online, in words (全程网办 is also filled, never colour alone). */
export function OnlineBadge({ level, name }: { level: OnlineLevel; name: string }) {
  return <Text className={`gm-svc-badge gm-svc-badge--${level}`}>{name}</Text>
}
