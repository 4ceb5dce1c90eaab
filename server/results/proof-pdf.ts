import PDFDocument from 'pdfkit'
import { encode } from 'uqr'
import type { ProofContent } from './proof-content'

/**
 * An issued proof as an A4 PDF: title, what it proves, the masked holder, issuer and dates,
 * the verification code and a QR code of the public verification page. Text is set in Noto
 * Sans SC (embedded, subset by pdfkit), so the Chinese is real text on any reader, not tofu.
 * The QR is drawn as vector squares from uqr's matrix (the same encoder the app uses).
 */
const FONT = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')
const BOLD = require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')

export interface ProofDocument {
  content: ProofContent
  /** XXXX-XXXX-XXXX */
  code: string
  verifyUrl: string
  /** 2026年11月23日 */
  issuedOn: string
  validUntil: string
}

export function renderProofPdf(proof: ProofDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: proof.content.title, Author: proof.content.department, Subject: `验证码 ${proof.code}` } })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
    doc.registerFont('regular', FONT)
    doc.registerFont('bold', BOLD)
    const width = doc.page.width - 128

    doc.font('bold').fontSize(26).text(proof.content.title, { align: 'center', width })
    doc.moveDown(1.2)
    doc.font('regular').fontSize(14).text(`持证人：${proof.content.holderName}    公民身份号码：${proof.content.holderIdNumber}`, { width })
    doc.moveDown(0.8)
    doc.fontSize(15).text(proof.content.statement, { width, lineGap: 8, indent: 30 })
    doc.moveDown(1.5)
    doc.fontSize(14).text(`出具单位：${proof.content.department}`, { width, align: 'right' })
    doc.text(`出具日期：${proof.issuedOn}`, { width, align: 'right' })
    doc.text(`有效期至：${proof.validUntil}`, { width, align: 'right' })

    const size = 150
    const top = doc.y + 40
    drawQr(doc, proof.verifyUrl, 64, top, size)
    // The QR is a link too, for a reader who opens the PDF on the phone itself.
    doc.link(64, top, size, size, proof.verifyUrl)
    doc.font('regular').fontSize(12)
    const textLeft = 64 + size + 24
    doc.text('扫描左侧二维码或打开以下网址核验真伪：', textLeft, top + 8, { width: width - size - 24 })
    doc.text(proof.verifyUrl, { width: width - size - 24 })
    doc.moveDown(0.6)
    doc.font('bold').fontSize(16).text(`验证码 ${proof.code}`, { width: width - size - 24 })
    doc.font('regular').fontSize(11).fillColor('#444444').text('本证明为电子证明，与纸质证明具有同等效力；内容以核验页面显示为准。', 64, top + size + 24, { width })
    doc.end()
  })
}

function drawQr(doc: PDFKit.PDFDocument, text: string, left: number, top: number, size: number): void {
  const { data } = encode(text, { ecc: 'M', border: 2 })
  const cell = size / data.length
  doc.save().rect(left, top, size, size).fill('#ffffff')
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) doc.rect(left + x * cell, top + y * cell, cell, cell)
    }),
  )
  doc.fill('#000000').restore()
}
