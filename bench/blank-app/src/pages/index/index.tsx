import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { CounterStore } from '../../store'

const store = new CounterStore()

function Index() {
  return (
    <View>
      <Text>{`count: ${store.count}`}</Text>
      <Button onClick={() => store.increment()}>+1</Button>
    </View>
  )
}

export default observer(Index)
