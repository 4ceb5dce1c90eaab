/**
 * 免提交 with a trace: when the reviewing department opens an application, each e-certificate
 * attached to it by reference is read by that department, and the holder's ledger (用证记录)
 * says so — who (the department), when, and for which application — as it does for every
 * other reading of their certificates.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../clock'
import { createLedger } from '../certificates/ledger'
import type { Database } from '../db/database'
import type { ApplicationRow } from './store'
import type { StoredMaterial } from './views'

export async function recordCertificateReads(db: Kysely<Database>, clock: Clock, row: ApplicationRow, item: { name: string; department: string }): Promise<number> {
  const materials = JSON.parse(row.materials) as StoredMaterial[]
  const certificateIds = [...new Set(materials.filter((material) => material.provision === 'certificate' && material.certificateId).map((material) => material.certificateId!))]
  const ledger = createLedger(db, clock)
  for (const certificateId of certificateIds) {
    await ledger.append({
      certificateId,
      event: 'application_read',
      fields: [],
      purposeText: `办理“${item.name}”（受理编号 ${row.number}）`,
      actor: { kind: 'organisation', name: item.department || '审批部门' },
    })
  }
  return certificateIds.length
}
