/**
 * 一件事一次办 in tests: what a parent types once for 出生一件事 (the registry fills their own
 * name, ID number and phone), and a package submitted and decided through the real routes.
 */
import { randomUUID } from 'node:crypto'
import { demoCitizens } from '../../server/seed-data/demo-citizens'

/** The other parent: a demo citizen, so the ID number passes the checksum. */
const OTHER_PARENT = demoCitizens.find((citizen) => citizen.key === 'zhang-wei')!

export function birthPackageBody(babyName = '张小雨') {
  return {
    shared: {
      babyName,
      babySex: '女',
      babyBirthDate: '2026-11-20',
      birthHospital: '示范市妇幼保健院',
      otherParentName: OTHER_PARENT.name,
      otherParentIdNumber: OTHER_PARENT.idNumber,
      householdAddress: '示范市人民路12号3栋201',
    },
    members: {
      'SF-WJ-0001': { birthWeight: 3250 },
      'SF-GA-0006': { relationToHead: '女' },
      'SF-YB-0004': { payMethod: '微信支付' },
      'SF-RS-0004': { cardDelivery: '邮寄到入户地址' },
    },
  }
}

type Api = (url: string, request?: { method: 'POST'; headers?: Record<string, string>; body: unknown }) => Promise<{ status: number; body: any }>

/** The citizen's newest package, or a 出生一件事 submitted as the apply page would. */
export async function lifeEventPackageId(api: Api): Promise<string> {
  const mine = await api('/api/life-event-applications')
  if (mine.status === 200 && mine.body.items?.length) return String(mine.body.items[0].id)
  const created = await api('/api/life-events/birth/applications', { method: 'POST', headers: { 'idempotency-key': randomUUID().replace(/-/g, '') }, body: birthPackageBody() })
  if (created.status >= 300) throw new Error(`submitting 出生一件事 failed: ${created.status} ${JSON.stringify(created.body)}`)
  return String(created.body.id)
}
