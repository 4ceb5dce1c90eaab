import { Button, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { ChoiceChips } from '@/components/choice-chips'
import { useStores } from '@/stores/context'
import { READ_PACES, voiceStore, type ReadPace } from '@/stores/voice-store'
import './read-aloud.css'

interface ReadAloudProps {
  /** Names this control: the one reading says 停止朗读. */
  id: string
  /** What is read (masked before it is spoken); a function is read at the moment of the tap. */
  text: string | (() => string)
  /** What it reads, for the button's name, e.g. 办理条件. */
  subject: string
  className?: string
}

/**
 * A large 朗读 button: reads the text in Mandarin at the chosen pace (慢 / 正常 / 快); a second
 * tap stops it, and so does leaving the page. Absent where the platform cannot speak (Alipay;
 * a browser without speech synthesis): never a dead button.
 */
export const ReadAloud = observer(function ReadAloud({ id, text, subject, className }: ReadAloudProps) {
  const voice = voiceStore(useStores())
  if (!voice.canSpeak) return null
  const speaking = voice.speakingKey === id
  const failure = voice.failure?.key === id ? voice.failure.message : undefined
  return (
    <View className={`gm-read-aloud ${className ?? ''}`}>
      <Button
        className={speaking ? 'gm-button' : 'gm-button gm-button--secondary'}
        ariaLabel={speaking ? `停止朗读${subject}` : `朗读${subject}`}
        onClick={() => voice.toggle(id, typeof text === 'function' ? text() : text)}
      >
        {speaking ? '停止朗读' : '朗读'}
      </Button>
      {speaking && (
        <View className='gm-read-aloud__pace'>
          <Text className='gm-read-aloud__pace-label'>语速</Text>
          <ChoiceChips<ReadPace> label='朗读语速' choices={READ_PACES} selected={voice.pace} onSelect={(pace) => voice.setPace(pace)} />
        </View>
      )}
      {failure && (
        <View className='gm-error' ariaRole='alert'>
          <Text>{failure}</Text>
        </View>
      )}
    </View>
  )
})
