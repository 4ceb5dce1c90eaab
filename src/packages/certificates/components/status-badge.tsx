import { Text } from '@tarojs/components'

/** A status in words inside a badge; its colour only repeats what the words say. */
export function StatusBadge({ status, words }: { status: string; words: string }) {
  return <Text className={`gm-cert-status gm-cert-status--${status}`}>{words}</Text>
}
