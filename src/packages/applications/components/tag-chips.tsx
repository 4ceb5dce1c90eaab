import { Text, View } from '@tarojs/components'

interface TagChipsProps {
  label: string
  tags: readonly string[]
  chosen: readonly string[]
  onToggle: (tag: string) => void
}

/**
 * Several tags that can each be on or off, as large chips: role=checkbox with aria-checked,
 * the chosen ones filled, in bold and marked ✓ (colour is never the only signal).
 */
export function TagChips({ label, tags, chosen, onToggle }: TagChipsProps) {
  return (
    <View className='gm-chips' ariaRole='group' ariaLabel={label}>
      {tags.map((tag) => {
        const on = chosen.includes(tag)
        return (
          <View key={tag} className={on ? 'gm-chip gm-chip--on' : 'gm-chip'} ariaRole='checkbox' aria-checked={on ? 'true' : 'false'} ariaLabel={tag} onClick={() => onToggle(tag)}>
            <Text>{on ? `✓ ${tag}` : tag}</Text>
          </View>
        )
      })}
    </View>
  )
}
