/**
 * Certificate words the client renders that no response carries ready-made. Plain data with
 * no TypeBox import, so a page can import it without pulling the schema runtime into the
 * mini-program bundle (certificates.ts is for `import type` only on the client).
 */
import type { PresentationStatus, CertificateType } from './schemas'

/** The presentation code's state in words, for the 亮证 view (colour is never the only signal). */
export const PRESENTATION_STATUS_WORDS: Record<PresentationStatus, string> = {
  active: '待核验',
  verified: '已核验',
  expired: '已过期',
  withdrawn: '已撤回',
}

/** The 亮证 view's watermark: a screenshot of the card says what it may be used for. */
export const CERTIFICATE_WATERMARK = '仅供办理政务服务事项时使用'

/** The longest authorisation, in days, counted from the moment of granting (the server enforces it; the client offers no longer choice). */
export const AUTHORISATION_MAX_DAYS = 365

// --- certificate types and their fields ------------------------------------------------------
/**
 * Every certificate type with its fields in display order. `sensitive` fields are masked
 * in the wallet. `numberField` is the field shown (masked) as the certificate's number.
 * `holderKind`: legal_person certificates (营业执照) belong to a company the citizen represents.
 */
export const CERTIFICATE_TYPES = {
  resident_id_card: {
    name: '居民身份证',
    holderKind: 'natural_person',
    numberField: 'idNumber',
    fields: [
      { key: 'name', label: '姓名', sensitive: true },
      { key: 'sex', label: '性别', sensitive: false },
      { key: 'ethnicity', label: '民族', sensitive: false },
      // With the masked ID number, a full birth date would give away 8 more of its digits.
      { key: 'birthDate', label: '出生日期', sensitive: true },
      { key: 'address', label: '住址', sensitive: true },
      { key: 'idNumber', label: '公民身份号码', sensitive: true },
    ],
  },
  driving_licence: {
    name: '机动车驾驶证',
    holderKind: 'natural_person',
    numberField: 'licenceNumber',
    fields: [
      { key: 'name', label: '姓名', sensitive: true },
      // The licence number is the holder's ID number.
      { key: 'licenceNumber', label: '证号', sensitive: true },
      { key: 'vehicleClass', label: '准驾车型', sensitive: false },
      { key: 'firstIssueDate', label: '初次领证日期', sensitive: false },
      { key: 'archiveNumber', label: '档案编号', sensitive: true },
    ],
  },
  vehicle_licence: {
    name: '机动车行驶证',
    holderKind: 'natural_person',
    numberField: 'plateNumber',
    fields: [
      { key: 'plateNumber', label: '号牌号码', sensitive: true },
      { key: 'vehicleType', label: '车辆类型', sensitive: false },
      { key: 'owner', label: '所有人', sensitive: true },
      { key: 'usage', label: '使用性质', sensitive: false },
      { key: 'model', label: '品牌型号', sensitive: false },
      { key: 'vin', label: '车辆识别代号', sensitive: true },
      { key: 'engineNumber', label: '发动机号码', sensitive: true },
      { key: 'registrationDate', label: '注册日期', sensitive: false },
    ],
  },
  household_register: {
    name: '户口簿',
    holderKind: 'natural_person',
    numberField: 'householdNumber',
    fields: [
      { key: 'householdNumber', label: '户号', sensitive: true },
      { key: 'householdType', label: '户别', sensitive: false },
      { key: 'householderName', label: '户主姓名', sensitive: true },
      { key: 'name', label: '姓名', sensitive: true },
      { key: 'relationship', label: '与户主关系', sensitive: false },
      { key: 'address', label: '住址', sensitive: true },
      { key: 'idNumber', label: '公民身份号码', sensitive: true },
    ],
  },
  residence_permit: {
    name: '居住证',
    holderKind: 'natural_person',
    numberField: 'idNumber',
    fields: [
      { key: 'name', label: '姓名', sensitive: true },
      { key: 'idNumber', label: '公民身份号码', sensitive: true },
      { key: 'address', label: '居住地址', sensitive: true },
    ],
  },
  degree_certificate: {
    name: '学位证书',
    holderKind: 'natural_person',
    numberField: 'certificateNumber',
    fields: [
      { key: 'name', label: '姓名', sensitive: true },
      { key: 'degree', label: '学位', sensitive: false },
      { key: 'major', label: '专业', sensitive: false },
      { key: 'grantingInstitution', label: '授予单位', sensitive: false },
      { key: 'conferralDate', label: '授予日期', sensitive: false },
      { key: 'certificateNumber', label: '证书编号', sensitive: true },
    ],
  },
  business_licence: {
    name: '营业执照',
    holderKind: 'legal_person',
    numberField: 'creditCode',
    fields: [
      { key: 'creditCode', label: '统一社会信用代码', sensitive: true },
      { key: 'companyName', label: '名称', sensitive: false },
      { key: 'companyType', label: '类型', sensitive: false },
      { key: 'legalRepresentative', label: '法定代表人', sensitive: true },
      { key: 'registeredCapital', label: '注册资本', sensitive: false },
      { key: 'establishedDate', label: '成立日期', sensitive: false },
      { key: 'businessTerm', label: '营业期限', sensitive: false },
      { key: 'domicile', label: '住所', sensitive: true },
    ],
  },
  marriage_certificate: {
    name: '结婚证',
    holderKind: 'natural_person',
    numberField: 'certificateNumber',
    fields: [
      { key: 'holderName', label: '持证人', sensitive: true },
      { key: 'registrationDate', label: '登记日期', sensitive: false },
      { key: 'spouseName', label: '配偶姓名', sensitive: true },
      { key: 'spouseIdNumber', label: '配偶身份证件号', sensitive: true },
      { key: 'certificateNumber', label: '结婚证字号', sensitive: true },
    ],
  },
} as const

export const CERTIFICATE_TYPE_KEYS = Object.keys(CERTIFICATE_TYPES) as CertificateType[]
