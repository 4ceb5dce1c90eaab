/**
 * The demo city's halls (办事大厅) for 在线预约 / 在线预审, keyed by hall id, with the items each
 * takes bookings for (service codes of demo-services.ts labelled 在线预约 or 在线预审) and the
 * places per slot. Merged at seed time by server/appointments/seed.ts (missing halls only).
 */
import type { HallUpsert } from '../../src/contract/appointments/schemas'

const WORKING_HOURS = [
  { from: '09:00', to: '12:00' },
  { from: '13:30', to: '17:00' },
]

const ALL_BOOKABLE = [
  'SF-GA-0001', 'SF-GA-0002', 'SF-GA-0006', 'SF-GA-0007', 'SF-GA-0008', 'SF-JJ-0002', 'SF-JJ-0003', 'SF-JJ-0004',
  'SF-RS-0004', 'SF-RS-0005', 'SF-RS-0006', 'SF-RS-0007', 'SF-RS-0008', 'SF-RS-0009', 'SF-RS-0010', 'SF-YB-0004',
  'SF-YB-0005', 'SF-YB-0006', 'SF-MZ-0001', 'SF-MZ-0002', 'SF-MZ-0003', 'SF-MZ-0005', 'SF-MZ-0006', 'SF-SJ-0003',
  'SF-SJ-0004', 'SF-SJ-0005', 'SF-SW-0001', 'SF-SW-0002', 'SF-SW-0003', 'SF-GJJ-0002', 'SF-GJJ-0003', 'SF-ZJ-0001',
  'SF-ZJ-0002', 'SF-ZJ-0003', 'SF-BDC-0002', 'SF-BDC-0003', 'SF-BDC-0004', 'SF-WJ-0001', 'SF-WJ-0003', 'SF-JY-0002',
  'SF-JY-0003', 'SF-JT-0001', 'SF-JT-0002', 'SF-JT-0003',
]

export const demoHalls: Record<string, HallUpsert> = {
  'shifan-center': {
    name: '示范市政务服务中心',
    address: '示范市人民大道100号 政务服务中心一楼',
    hours: WORKING_HOURS,
    slotMinutes: 30,
    items: ALL_BOOKABLE.map((itemCode) => ({ itemCode, capacity: 6 })),
  },
  'chengdong-police': {
    name: '城东派出所户籍窗口',
    address: '示范市城东区和平路18号',
    hours: [
      { from: '09:00', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ],
    slotMinutes: 30,
    items: ['SF-GA-0001', 'SF-GA-0002', 'SF-GA-0006', 'SF-GA-0007', 'SF-GA-0008'].map((itemCode) => ({ itemCode, capacity: 3 })),
  },
  'exit-entry': {
    name: '示范市出入境接待大厅',
    address: '示范市建设路66号',
    hours: WORKING_HOURS,
    slotMinutes: 20,
    items: ['SF-GA-0101', 'SF-GA-0102'].map((itemCode) => ({ itemCode, capacity: 4 })),
  },
}
