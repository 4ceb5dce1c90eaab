/**
 * Results delivered (办理结果): what a finished (办结) application gives the citizen, as plain
 * values both sides import. Each service item declares its result kind as data (server/seed-data/
 * result-kinds.ts, or the optional `result` of a catalogue import); the server issues it once, in
 * the transaction that marks the application 办结.
 */

/** The kinds of result a service item can deliver, in the words a citizen reads. */
export const RESULT_KINDS = {
  /** A signed document with a verification code and QR (户籍证明, 缴存证明…), downloadable as PDF. */
  proof: '电子证明',
  /** Money paid to the citizen's bank account (公积金提取…): amount and masked account. */
  money: '款项',
  /** A paper result: posted by EMS to an address the citizen gives, or collected at the counter. */
  physical: '纸质结果',
  /** An e-certificate (电子社保卡, 营业执照…) issued into the citizen's wallet (证照夹), beside the others. */
  certificate: '电子证照',
} as const
export type ResultKind = keyof typeof RESULT_KINDS
export const RESULT_KIND_KEYS = Object.keys(RESULT_KINDS) as ResultKind[]

/** How a physical result reaches the citizen. */
export const DELIVERY_METHODS = {
  ems: '邮政EMS寄递',
  counter: '窗口领取',
} as const
export type DeliveryMethod = keyof typeof DELIVERY_METHODS
export const DELIVERY_METHOD_KEYS = Object.keys(DELIVERY_METHODS) as DeliveryMethod[]

/**
 * Where a certificate result's field values come from, besides the application's form fields:
 * the holder's name and ID number as the population registry holds them, the 办结 date, and a
 * number the issuing department assigns (certificate numbers, card numbers).
 */
export const CERTIFICATE_RESULT_SOURCES = ['$name', '$idNumber', '$issuedOn', '$serial'] as const
export type CertificateResultSource = (typeof CERTIFICATE_RESULT_SOURCES)[number]
/** The longest validity a certificate result may declare. */
export const MAX_CERTIFICATE_VALID_YEARS = 20
/** What a result page says about a certificate put into the wallet. */
export const CERTIFICATE_RESULT_WORDS = '已放入您的证照夹'

/** What a proof's public verification page says, in words (never a code). */
export const PROOF_STATUS_WORDS = {
  valid: '有效',
  expired: '已过期',
  invalid: '已被篡改或不存在',
} as const
export type ProofStatus = keyof typeof PROOF_STATUS_WORDS

/** A proof is valid for at most this many days (the declaration says how many). */
export const MAX_PROOF_VALID_DAYS = 366
/** How long a download link for a result's PDF works. */
export const RESULT_DOWNLOAD_LINK_SECONDS = 300
/** EMS waybill numbers: 13 characters, two letters, nine digits, two letters (e.g. EA123456789CN), or plain 13 digits. */
export const TRACKING_NUMBER_PATTERN = '^([A-Za-z]{2}[0-9]{9}[A-Za-z]{2}|[0-9]{13})$'
/** Mainland mobile numbers. */
export const DELIVERY_PHONE_PATTERN = '^1[3-9][0-9]{9}$'
export const MAX_DELIVERY_ADDRESS_LENGTH = 120
export const MIN_DELIVERY_ADDRESS_LENGTH = 6
