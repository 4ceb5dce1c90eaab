import { Text, View } from '@tarojs/components'

/** An error or notice that screen readers announce as soon as it appears. */
export function AlertText({ children }: { children: string }) {
  return (
    <View className='gm-error' ariaRole='alert'>
      <Text>{children}</Text>
    </View>
  )
}
