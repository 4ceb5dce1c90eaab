import type { CertificateType } from '../../src/contract/certificates/schemas'
import { idCheckCharacter } from '../../src/contract/id-number'
import type { FieldValues } from '../certificates/catalogue'
import { buildUscc } from '../certificates/uscc'
import { demoCitizens, type DemoCitizen } from './demo-citizens'

/**
 * Invented certificates of the demo citizens: every type, and for each person at least one
 * expired and one revoked certificate beside the valid ones, as a real wallet accumulates
 * them (a re-issued licence revokes the old version, a sold car's 行驶证 is cancelled, a
 * residence permit runs out). Codes carry their real check characters: issuers' and
 * companies' unified social credit codes (GB 32100), ID numbers (GB 11643), VINs (ISO 3779).
 * Valid certificates run well past 2030, so the demo does not rot.
 */

interface Issuer {
  name: string
  /** Unified social credit code. */
  code: string
}

export interface DemoCertificateOf<T extends CertificateType> {
  /** The demo citizen's key. */
  holder: string
  type: T
  issuer: Issuer
  /** Unique per issuer; with the version it makes the national identifier. */
  serial: string
  version: string
  issuedOn: string
  validUntil: string | null
  revoked?: { on: string; reason: string }
  fields: FieldValues<T>
}

export type DemoCertificate = { [T in CertificateType]: DemoCertificateOf<T> }[CertificateType]

/** Checks each certificate's fields against its type at compile time. */
function certificate<T extends CertificateType>(definition: DemoCertificateOf<T>): DemoCertificate {
  return definition as unknown as DemoCertificate
}

function person(key: string): DemoCitizen {
  const found = demoCitizens.find((citizen) => citizen.key === key)
  if (!found) throw new Error(`no demo citizen ${key}`)
  return found
}

function idNumber(region: string, birthDate: string, sequence: string): string {
  const first17 = region + birthDate + sequence
  return first17 + idCheckCharacter(first17)
}

const VIN_VALUES: Record<string, number> = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9 }
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** A VIN from its first 8 and last 8 characters, with the check digit (position 9) computed. */
function vin(first8: string, last8: string): string {
  const draft = `${first8}0${last8}`
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const character = draft[i]!
    sum += (/\d/.test(character) ? Number(character) : VIN_VALUES[character]!) * VIN_WEIGHTS[i]!
  }
  const check = sum % 11
  return `${first8}${check === 10 ? 'X' : String(check)}${last8}`
}

const government = (name: string, region: string, body: string): Issuer => ({ name, code: buildUscc('11', region, body) })
const institution = (name: string, region: string, body: string): Issuer => ({ name, code: buildUscc('12', region, body) })

const ISSUERS = {
  beijingDongcheng: government('北京市公安局东城分局', '110101', '00001931'),
  beijingHaidian: government('北京市公安局海淀分局', '110108', '00002852'),
  beijingTraffic: government('北京市公安局公安交通管理局', '110000', '00002717'),
  beijingDongchengCivil: government('北京市东城区民政局', '110101', '00004126'),
  beijingDongchengMarket: government('北京市东城区市场监督管理局', '110101', 'MB018844'),
  shenzhen: government('深圳市公安局', '440300', '00754312'),
  shenzhenNanshan: government('深圳市公安局南山分局', '440305', '00768825'),
  shenzhenTraffic: government('深圳市公安局交通警察支队', '440300', '00758436'),
  shenzhenNanshanMarket: government('深圳市南山区市场监督管理局', '440305', 'MB2C0917'),
  guangzhouTianhe: government('广州市公安局天河分局', '440106', '00762109'),
  shanghaiXuhui: government('上海市公安局徐汇分局', '310104', '00243118'),
  shanghaiTraffic: government('上海市公安局交通警察总队', '310000', '00265109'),
  hangzhouXihu: government('杭州市公安局西湖分局', '330106', '00250147'),
  hangzhouTraffic: government('杭州市公安局交通警察支队', '330100', '00254173'),
  chengduWuhou: government('成都市公安局武侯区分局', '510107', '00452038'),
  chengduWuhouCivil: government('成都市武侯区民政局', '510107', '00452201'),
  chengduTraffic: government('成都市公安局交通管理局', '510100', '00451186'),
  shenjiangUniversity: institution('申江大学', '310000', '42500386'),
  pengchengUniversity: institution('鹏城理工大学', '440300', '45576201'),
}

const zhangWei = person('zhang-wei')
const liNa = person('li-na')
const wangXiaoming = person('wang-xiaoming')
const zhaoLihua = person('zhao-lihua')
const ouyangMingyue = person('ouyang-mingyue')

export const demoCertificates: readonly DemoCertificate[] = [
  // --- 张伟: Beijing; car owner, married, runs a small company; once lived in Shenzhen ---
  certificate({
    holder: zhangWei.key,
    type: 'resident_id_card',
    issuer: ISSUERS.beijingDongcheng,
    serial: 'SF2016A031864',
    version: '001',
    issuedOn: '2016-05-10',
    validUntil: '2036-05-10',
    fields: { name: zhangWei.name, sex: '男', ethnicity: '汉', birthDate: '1985-03-12', address: zhangWei.address!, idNumber: zhangWei.idNumber },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'driving_licence',
    issuer: ISSUERS.beijingTraffic,
    serial: 'JZ2022B774105',
    version: '002',
    issuedOn: '2022-04-18',
    validUntil: '2032-04-18',
    fields: { name: zhangWei.name, licenceNumber: zhangWei.idNumber, vehicleClass: 'C1', firstIssueDate: '2010-04-18', archiveNumber: '110100518273' },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'driving_licence',
    issuer: ISSUERS.beijingTraffic,
    serial: 'JZ2016B774105',
    version: '001',
    issuedOn: '2016-04-18',
    validUntil: '2026-04-18',
    revoked: { on: '2022-04-18', reason: '换领新证，原证注销' },
    fields: { name: zhangWei.name, licenceNumber: zhangWei.idNumber, vehicleClass: 'C1', firstIssueDate: '2010-04-18', archiveNumber: '110100518273' },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'vehicle_licence',
    issuer: ISSUERS.beijingTraffic,
    serial: 'XS2020C318426',
    version: '001',
    issuedOn: '2020-09-15',
    validUntil: null,
    fields: {
      plateNumber: '京N·D3K72',
      vehicleType: '小型轿车',
      owner: zhangWei.name,
      usage: '非营运',
      model: '比亚迪牌BYD7150WT6HEV',
      vin: vin('LGXCE4CB', 'L0123478'),
      engineNumber: 'BYD472QA2309173',
      registrationDate: '2020-09-15',
    },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'marriage_certificate',
    issuer: ISSUERS.beijingDongchengCivil,
    serial: 'HY2014D004512',
    version: '001',
    issuedOn: '2014-10-08',
    validUntil: null,
    fields: {
      holderName: zhangWei.name,
      registrationDate: '2014-10-08',
      spouseName: '刘芳',
      spouseIdNumber: idNumber('110105', '19870521', '026'),
      certificateNumber: 'J110101-2014-004512',
    },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'residence_permit',
    issuer: ISSUERS.shenzhen,
    serial: 'JZZ2012E627301',
    version: '001',
    issuedOn: '2012-07-01',
    validUntil: '2015-06-30',
    fields: { name: zhangWei.name, idNumber: zhangWei.idNumber, address: '广东省深圳市南山区科技园南区高新南七道9号' },
  }),
  certificate({
    holder: zhangWei.key,
    type: 'business_licence',
    issuer: ISSUERS.beijingDongchengMarket,
    serial: 'YZ2019F150826',
    version: '001',
    issuedOn: '2019-06-18',
    validUntil: null,
    fields: {
      creditCode: buildUscc('91', '110101', 'MA01K7Q3'),
      companyName: '北京景山文创科技有限公司',
      companyType: '有限责任公司（自然人投资或控股）',
      legalRepresentative: zhangWei.name,
      registeredCapital: '100万元人民币',
      establishedDate: '2019-06-18',
      businessTerm: '2019-06-18 至 长期',
      domicile: '北京市东城区东四北大街107号2层201室',
    },
  }),

  // --- 李娜: Shanghai; household register, degree; sold her car, once lived in Beijing ---
  certificate({
    holder: liNa.key,
    type: 'resident_id_card',
    issuer: ISSUERS.shanghaiXuhui,
    serial: 'SF2017A208817',
    version: '001',
    issuedOn: '2017-09-03',
    validUntil: '2037-09-03',
    fields: { name: liNa.name, sex: '女', ethnicity: '汉', birthDate: '1990-07-21', address: liNa.address!, idNumber: liNa.idNumber },
  }),
  certificate({
    holder: liNa.key,
    type: 'household_register',
    issuer: ISSUERS.shanghaiXuhui,
    serial: 'HK2008G083512',
    version: '001',
    issuedOn: '2008-03-15',
    validUntil: null,
    fields: {
      householdNumber: '083512647',
      householdType: '家庭户',
      householderName: '李建国',
      name: liNa.name,
      relationship: '女',
      address: liNa.address!,
      idNumber: liNa.idNumber,
    },
  }),
  certificate({
    holder: liNa.key,
    type: 'degree_certificate',
    issuer: ISSUERS.shenjiangUniversity,
    serial: 'XW2015H001187',
    version: '001',
    issuedOn: '2015-06-30',
    validUntil: null,
    fields: {
      name: liNa.name,
      degree: '管理学学士',
      major: '会计学',
      grantingInstitution: '申江大学',
      conferralDate: '2015-06-30',
      certificateNumber: '1045742015001187',
    },
  }),
  certificate({
    holder: liNa.key,
    type: 'residence_permit',
    issuer: ISSUERS.beijingHaidian,
    serial: 'JZZ2016E315590',
    version: '001',
    issuedOn: '2016-03-01',
    validUntil: '2017-02-28',
    fields: { name: liNa.name, idNumber: liNa.idNumber, address: '北京市海淀区中关村大街59号院3号楼' },
  }),
  certificate({
    holder: liNa.key,
    type: 'vehicle_licence',
    issuer: ISSUERS.shanghaiTraffic,
    serial: 'XS2016C772049',
    version: '001',
    issuedOn: '2016-11-20',
    validUntil: null,
    revoked: { on: '2023-05-12', reason: '机动车转让登记，原行驶证注销' },
    fields: {
      plateNumber: '沪A·7M2Q9',
      vehicleType: '小型轿车',
      owner: liNa.name,
      usage: '非营运',
      model: '大众牌SVW7147BPV',
      vin: vin('LSVAU218', 'G2183294'),
      engineNumber: 'CSS2017465',
      registrationDate: '2016-11-20',
    },
  }),

  // --- 王小明: born in Shenzhen, graduate, now works in Hangzhou; closed his company ---
  certificate({
    holder: wangXiaoming.key,
    type: 'resident_id_card',
    issuer: ISSUERS.shenzhenNanshan,
    serial: 'SF2019A540263',
    version: '001',
    issuedOn: '2019-08-20',
    validUntil: '2029-08-20',
    fields: {
      name: wangXiaoming.name,
      sex: '男',
      ethnicity: '汉',
      birthDate: '2001-11-05',
      address: '广东省深圳市南山区粤海街道科苑路15号',
      idNumber: wangXiaoming.idNumber,
    },
  }),
  certificate({
    holder: wangXiaoming.key,
    type: 'degree_certificate',
    issuer: ISSUERS.pengchengUniversity,
    serial: 'XW2023H004216',
    version: '001',
    issuedOn: '2023-06-30',
    validUntil: null,
    fields: {
      name: wangXiaoming.name,
      degree: '工学学士',
      major: '软件工程',
      grantingInstitution: '鹏城理工大学',
      conferralDate: '2023-06-30',
      certificateNumber: '1459032023004216',
    },
  }),
  certificate({
    holder: wangXiaoming.key,
    type: 'residence_permit',
    issuer: ISSUERS.hangzhouXihu,
    serial: 'JZZ2024E118342',
    version: '001',
    issuedOn: '2024-03-11',
    validUntil: '2034-03-11',
    fields: { name: wangXiaoming.name, idNumber: wangXiaoming.idNumber, address: '浙江省杭州市西湖区文三路259号' },
  }),
  certificate({
    holder: wangXiaoming.key,
    type: 'driving_licence',
    issuer: ISSUERS.shenzhenTraffic,
    serial: 'JZ2021B966310',
    version: '001',
    issuedOn: '2021-12-15',
    validUntil: '2031-12-15',
    fields: { name: wangXiaoming.name, licenceNumber: wangXiaoming.idNumber, vehicleClass: 'C1', firstIssueDate: '2021-12-15', archiveNumber: '440300976512' },
  }),
  certificate({
    holder: wangXiaoming.key,
    type: 'residence_permit',
    issuer: ISSUERS.guangzhouTianhe,
    serial: 'JZZ2022E730154',
    version: '001',
    issuedOn: '2022-07-01',
    validUntil: '2023-06-30',
    fields: { name: wangXiaoming.name, idNumber: wangXiaoming.idNumber, address: '广东省广州市天河区天河路385号' },
  }),
  certificate({
    holder: wangXiaoming.key,
    type: 'business_licence',
    issuer: ISSUERS.shenzhenNanshanMarket,
    serial: 'YZ2023F508841',
    version: '001',
    issuedOn: '2023-08-08',
    validUntil: null,
    revoked: { on: '2025-03-20', reason: '公司注销登记' },
    fields: {
      creditCode: buildUscc('91', '440305', 'MA5G3D7K'),
      companyName: '深圳市南山区小明数码科技有限公司',
      companyType: '有限责任公司（自然人独资）',
      legalRepresentative: wangXiaoming.name,
      registeredCapital: '10万元人民币',
      establishedDate: '2023-08-08',
      businessTerm: '2023-08-08 至 长期',
      domicile: '深圳市南山区粤海街道科技南路18号1502室',
    },
  }),

  // --- 赵丽华: Chengdu; long-term ID card (replaced), married 1992, stopped driving ---
  certificate({
    holder: zhaoLihua.key,
    type: 'resident_id_card',
    issuer: ISSUERS.chengduWuhou,
    serial: 'SF2018A770385',
    version: '002',
    issuedOn: '2018-05-20',
    // Issued after 46: valid without end date (长期).
    validUntil: null,
    fields: { name: zhaoLihua.name, sex: '女', ethnicity: '汉', birthDate: '1968-02-29', address: zhaoLihua.address!, idNumber: zhaoLihua.idNumber },
  }),
  certificate({
    holder: zhaoLihua.key,
    type: 'resident_id_card',
    issuer: ISSUERS.chengduWuhou,
    serial: 'SF2008A770385',
    version: '001',
    issuedOn: '2008-05-20',
    validUntil: '2028-05-20',
    revoked: { on: '2018-05-20', reason: '换领新证，原证注销' },
    fields: { name: zhaoLihua.name, sex: '女', ethnicity: '汉', birthDate: '1968-02-29', address: '四川省成都市武侯区浆洗街12号', idNumber: zhaoLihua.idNumber },
  }),
  certificate({
    holder: zhaoLihua.key,
    type: 'household_register',
    issuer: ISSUERS.chengduWuhou,
    serial: 'HK1995G315206',
    version: '001',
    issuedOn: '1995-04-12',
    validUntil: null,
    fields: {
      householdNumber: '315206478',
      householdType: '家庭户',
      householderName: '陈国强',
      name: zhaoLihua.name,
      relationship: '妻',
      address: zhaoLihua.address!,
      idNumber: zhaoLihua.idNumber,
    },
  }),
  certificate({
    holder: zhaoLihua.key,
    type: 'marriage_certificate',
    issuer: ISSUERS.chengduWuhouCivil,
    serial: 'HY1992D000318',
    version: '001',
    issuedOn: '1992-10-01',
    validUntil: null,
    fields: {
      holderName: zhaoLihua.name,
      registrationDate: '1992-10-01',
      spouseName: '陈国强',
      spouseIdNumber: idNumber('510107', '19660815', '035'),
      certificateNumber: 'J510107-1992-000318',
    },
  }),
  certificate({
    holder: zhaoLihua.key,
    type: 'driving_licence',
    issuer: ISSUERS.chengduTraffic,
    serial: 'JZ2008B283746',
    version: '001',
    issuedOn: '2008-07-01',
    validUntil: '2014-07-01',
    fields: { name: zhaoLihua.name, licenceNumber: zhaoLihua.idNumber, vehicleClass: 'C1', firstIssueDate: '2002-07-01', archiveNumber: '510100283746' },
  }),

  // --- 欧阳明月 (verifier): Hangzhou; renewed licence, scrapped car ---
  certificate({
    holder: ouyangMingyue.key,
    type: 'resident_id_card',
    issuer: ISSUERS.hangzhouXihu,
    serial: 'SF2019A381190',
    version: '001',
    issuedOn: '2019-10-08',
    validUntil: '2039-10-08',
    fields: {
      name: ouyangMingyue.name,
      sex: '女',
      ethnicity: '汉',
      birthDate: '1978-09-30',
      address: '浙江省杭州市西湖区天目山路148号',
      idNumber: ouyangMingyue.idNumber,
    },
  }),
  certificate({
    holder: ouyangMingyue.key,
    type: 'driving_licence',
    issuer: ISSUERS.hangzhouTraffic,
    serial: 'JZ2021B613825',
    version: '002',
    issuedOn: '2021-03-05',
    validUntil: '2031-03-05',
    fields: { name: ouyangMingyue.name, licenceNumber: ouyangMingyue.idNumber, vehicleClass: 'C1', firstIssueDate: '2005-03-05', archiveNumber: '330100613825' },
  }),
  certificate({
    holder: ouyangMingyue.key,
    type: 'driving_licence',
    issuer: ISSUERS.hangzhouTraffic,
    serial: 'JZ2011B613825',
    version: '001',
    issuedOn: '2011-03-05',
    validUntil: '2021-03-05',
    fields: { name: ouyangMingyue.name, licenceNumber: ouyangMingyue.idNumber, vehicleClass: 'C1', firstIssueDate: '2005-03-05', archiveNumber: '330100613825' },
  }),
  certificate({
    holder: ouyangMingyue.key,
    type: 'vehicle_licence',
    issuer: ISSUERS.hangzhouTraffic,
    serial: 'XS2015C406218',
    version: '001',
    issuedOn: '2015-06-18',
    validUntil: null,
    revoked: { on: '2024-11-02', reason: '机动车报废，行驶证注销' },
    fields: {
      plateNumber: '浙A·8G6E1',
      vehicleType: '小型普通客车',
      owner: ouyangMingyue.name,
      usage: '非营运',
      model: '吉利牌JL7152L01',
      vin: vin('L6T7824S', 'F0419637'),
      engineNumber: 'JLC4G15D1523',
      registrationDate: '2015-06-18',
    },
  }),
]
