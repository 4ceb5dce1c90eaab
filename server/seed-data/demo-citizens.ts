import { idCheckCharacter } from '../../src/contract/id-number'

/**
 * Invented people for development and tests: they go into the population registry so
 * real-name verification has someone to find, and the sandbox login offers them on the
 * H5 preview (code `sandbox:<key>`). ID numbers are built from a region code, a birth date
 * and a sequence number, with the GB 11643 check character computed, so they pass the
 * same validation as real ones.
 */
export interface DemoCitizen {
  /** The sandbox login key, also the subject of the sandbox account. */
  key: string
  name: string
  idNumber: string
  phone?: string
  address?: string
  /** Shown on the H5 dev login page; never personal numbers. */
  description: string
  /**
   * Roles granted to this person's sandbox account: only `verifier` (checkpoint staff scan
   * in the mini-program). Operator roles belong to operator accounts (demo-operators.ts).
   */
  roles?: 'verifier'[]
}

function idNumber(region: string, birthDate: string, sequence: string): string {
  const first17 = region + birthDate + sequence
  return first17 + idCheckCharacter(first17)
}

export const demoCitizens: readonly DemoCitizen[] = [
  {
    key: 'zhang-wei',
    name: '张伟',
    idNumber: idNumber('110101', '19850312', '001'),
    phone: '13912340001',
    address: '北京市东城区景山前街4号',
    description: '普通市民，可用于微信与支付宝双账号演示',
  },
  {
    key: 'li-na',
    name: '李娜',
    idNumber: idNumber('310104', '19900721', '002'),
    phone: '13612340002',
    address: '上海市徐汇区漕溪北路1200号',
    description: '普通市民，已登记手机号',
  },
  {
    key: 'wang-xiaoming',
    name: '王小明',
    idNumber: idNumber('440305', '20011105', '013'),
    phone: '18612340003',
    description: '青年市民，用于社保与证照演示',
  },
  {
    key: 'zhao-lihua',
    name: '赵丽华',
    idNumber: idNumber('510107', '19680229', '024'),
    address: '四川省成都市武侯区人民南路四段1号',
    description: '长辈市民，未登记手机号，适合长辈模式演示',
  },
  {
    key: 'ouyang-mingyue',
    name: '欧阳明月',
    idNumber: idNumber('330106', '19780930', '046'),
    phone: '15812340005',
    description: '卡口核验员，可扫码核验健康码与证照',
    roles: ['verifier'],
  },
  {
    key: 'sun-jiankang',
    name: '孙建康',
    idNumber: idNumber('320102', '19760618', '035'),
    phone: '13712340006',
    // Once the demo health officer; that is now the operator account demo-health.
    description: '普通市民，用于社保与健康码演示',
  },
]

/** What the sandbox login provider accepts (`sandbox:<key>`). */
export const sandboxKeys: readonly string[] = demoCitizens.map((citizen) => citizen.key)
