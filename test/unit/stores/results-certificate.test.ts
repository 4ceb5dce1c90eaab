import type { IssuedResult } from '@/contract/results/schemas'
import { certificatePage, resultSummary } from '@/packages/results/words'

const certificateResult: IssuedResult = {
  id: '6c1d9f2e-3e8b-4d4f-8b2c-1d3e4f5a6b7c',
  applicationId: 'app-2',
  itemCode: 'SF-TEST-1',
  itemName: '驾驶证期满换证',
  department: '示范市公安局交通管理局',
  kind: 'certificate',
  title: '机动车驾驶证',
  issuedAt: '2026-11-23T01:00:00.000Z',
  certificate: { certificateId: '7d2e0a3f-4f9c-4e5a-9c3d-2e4f5a6b7c8d', typeName: '机动车驾驶证', number: '110**********1234' },
}

test('a certificate result says it is in the wallet (已放入您的证照夹) and links to the certificate page there', () => {
  expect(resultSummary(certificateResult)).toBe('已放入您的证照夹')
  expect(certificatePage(certificateResult.certificate!.certificateId)).toBe('/packages/certificates/pages/detail/index?id=7d2e0a3f-4f9c-4e5a-9c3d-2e4f5a6b7c8d')
})
