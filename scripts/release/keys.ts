/**
 * Upload key formats, checked before the build: both packages read the key only when they
 * sign, which is after the whole build and compile, so a wrong format would fail late.
 *
 * - WeChat (miniprogram-ci): signs with `crypto.privateEncrypt({ key: <file text> })`, so the
 *   file must be a PEM RSA private key. The key the WeChat console downloads
 *   (`private.<appid>.key`, `-----BEGIN RSA PRIVATE KEY-----`, PKCS#1) works; so does PKCS#8.
 * - Alipay (minidev): uses the text as a PEM key when it contains
 *   `-----BEGIN PRIVATE KEY-----`, and otherwise wraps it in that header, so only PKCS#8 works
 *   (PEM, or the bare base64 of Alipay's key tool in its "PKCS8" format). A PKCS#1 key
 *   (`-----BEGIN RSA PRIVATE KEY-----`, or the tool's "PKCS1" base64) fails.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import { type Platform } from './log'

const PKCS8_HEADER = '-----BEGIN PRIVATE KEY-----'
const TO_PKCS8 = 'convert it with `openssl pkcs8 -topk8 -nocrypt -in <key> -out <key>.pkcs8.pem`'

function pemLabel(text: string): string | undefined {
  return /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1]
}

type Parsed = { key: crypto.KeyObject } | { error: string }

function parse(make: () => crypto.KeyObject): Parsed {
  try {
    return { key: make() }
  } catch (error) {
    return { error: (error as Error).message }
  }
}

/** A bare base64 body (no PEM lines) that is a PKCS#1 RSA key (OpenSSL's PKCS#1 reader also takes PKCS#8, so: PKCS#1 and not PKCS#8). */
function isBarePkcs1(text: string): boolean {
  if (!/^[A-Za-z0-9+/=\s]+$/.test(text)) return false
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64')
  return 'key' in parse(() => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' })) && 'error' in parse(() => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }))
}

function rsaFailures(name: string, keyPath: string, what: string, parsed: Parsed): string[] {
  if ('error' in parsed) return [`${name} ${keyPath} is not ${what}: ${parsed.error}`]
  if (parsed.key.asymmetricKeyType !== 'rsa') return [`${name} ${keyPath} is not an RSA key (${parsed.key.asymmetricKeyType}): the console signs with RSA`]
  return []
}

/** What the platform's package would make of the key file, as failures naming the fix. */
export function keyFormatFailures(platform: Platform, name: string, keyPath: string): string[] {
  let text: string
  try {
    text = fs.readFileSync(keyPath, 'utf8').trim()
  } catch (error) {
    return [`${name} ${keyPath} cannot be read: ${(error as Error).message}`]
  }
  const label = pemLabel(text)
  if (label === 'ENCRYPTED PRIVATE KEY') return [`${name} ${keyPath} is encrypted with a passphrase: the upload needs it unencrypted (\`openssl pkcs8 -nocrypt -in <key> -out <plain key>\`)`]

  if (platform === 'weapp') {
    if (!label) return [`${name} ${keyPath} is not a PEM key: miniprogram-ci needs the key file as the WeChat console downloads it (-----BEGIN RSA PRIVATE KEY-----)`]
    return rsaFailures(name, keyPath, 'a PEM RSA private key miniprogram-ci can sign with', parse(() => crypto.createPrivateKey(text)))
  }

  if (label === 'RSA PRIVATE KEY' || (!label && isBarePkcs1(text))) {
    return [`${name} ${keyPath} is a PKCS#1 key${label ? ' (-----BEGIN RSA PRIVATE KEY-----)' : ''}; minidev accepts only PKCS#8: ${TO_PKCS8}, or export the "PKCS8" format from Alipay's key tool`]
  }
  if (label && label !== 'PRIVATE KEY') return [`${name} ${keyPath} is a PEM "${label}", not a PKCS#8 private key (-----BEGIN PRIVATE KEY-----)`]
  // What minidev does with the text before it signs.
  const pem = text.includes(PKCS8_HEADER) ? text : `${PKCS8_HEADER}\n${text}\n-----END PRIVATE KEY-----`
  return rsaFailures(name, keyPath, 'a PKCS#8 RSA private key minidev can sign with', parse(() => crypto.createPrivateKey(pem)))
}
