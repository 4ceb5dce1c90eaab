import { Text, View } from '@tarojs/components'
import type { HealthColour } from '@/contract/health-code/schemas'
import { useStores } from '@/stores/context'

/** 12320 卫生健康热线 answers what a red or yellow code means for this person; 12345 takes an appeal. */
export const HEALTH_HOTLINE = '12320'
export const GOVERNMENT_HOTLINE = '12345'

interface Step {
  title: string
  text: string
}

/**
 * What to do with a red or yellow code, in words: a colour alone tells a citizen at a metro
 * gate nothing about the next step. Green needs none.
 */
export const NEXT_STEPS: Record<Exclude<HealthColour, 'green'>, Step[]> = {
  red: [
    { title: '现在怎么做', text: '请暂不前往公共场所和乘坐公共交通，留在住处，按社区或疾控人员的安排做检测。' },
    { title: '何时转码', text: '按要求完成检测或观察后，由卫生健康部门核实并转码，无需重复申请。' },
    { title: '认为赋码有误', text: '可拨打12345提出申诉，说明您的情况和行程，工作人员核实后回复。' },
  ],
  yellow: [
    { title: '现在怎么做', text: '请尽快到就近的检测点做一次检测，结果正常后自动转为绿码。' },
    { title: '认为赋码有误', text: '可拨打12345提出申诉，工作人员核实后回复。' },
  ],
}

/** Tap-to-call lines: the host's dialler on WeChat and Alipay, a tel: link in the H5 preview (platform layer). */
function CallLine({ number, words }: { number: string; words: string }) {
  const { platform } = useStores()
  return (
    // Named by its visible text (axe label-content-name-mismatch: the spoken name must contain what is shown).
    <View className='gm-hc-steps__call' ariaRole='button' onClick={() => void platform.makePhoneCall(number).catch(() => undefined)}>
      <Text>{`拨打 ${number} ${words}`}</Text>
    </View>
  )
}

export function NextSteps({ colour }: { colour: HealthColour }) {
  if (colour === 'green') return null
  return (
    <View className='gm-hc-steps' ariaRole='region' ariaLabel='下一步怎么办'>
      <Text className='gm-hc-steps__heading'>下一步怎么办</Text>
      {NEXT_STEPS[colour].map((step) => (
        <View key={step.title} className='gm-hc-steps__item'>
          <Text className='gm-hc-steps__title'>{step.title}</Text>
          <Text className='gm-hc-steps__text'>{step.text}</Text>
        </View>
      ))}
      <CallLine number={HEALTH_HOTLINE} words='卫生健康热线' />
      <CallLine number={GOVERNMENT_HOTLINE} words='政务服务热线（申诉）' />
    </View>
  )
}
