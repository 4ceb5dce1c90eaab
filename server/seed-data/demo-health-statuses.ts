import type { HealthColour } from '../../src/contract/health-code/schemas'

/**
 * The health status each demo citizen starts with (by sandbox key): mostly green, one
 * yellow and one red, with reasons and sources as a health authority would word them.
 */
export interface DemoHealthStatus {
  colour: HealthColour
  reason: string
  source: string
}

export const demoHealthStatuses: Readonly<Record<string, DemoHealthStatus>> = {
  'zhang-wei': { colour: 'green', reason: '未见异常', source: '市卫健委' },
  'li-na': { colour: 'yellow', reason: '近14天有中高风险地区旅居史', source: '市疫情防控指挥部' },
  'wang-xiaoming': { colour: 'red', reason: '集中隔离中', source: '市疫情防控指挥部' },
  'zhao-lihua': { colour: 'green', reason: '未见异常', source: '市卫健委' },
  'ouyang-mingyue': { colour: 'green', reason: '未见异常', source: '市卫健委' },
  'sun-jiankang': { colour: 'green', reason: '未见异常', source: '市卫健委' },
}

/** For demo citizens not listed above (added later by someone else): the everyday status. */
export const DEFAULT_DEMO_HEALTH_STATUS: DemoHealthStatus = { colour: 'green', reason: '未见异常', source: '市卫健委' }
