/** `npm run size`: prints each built mini-program's package sizes; exits 1 over a limit. */
import fs from 'node:fs'
import path from 'node:path'
import { formatReport, measurePackages, sizeViolations } from './package-sizes'

let failed = false
for (const platform of ['weapp', 'alipay']) {
  const dist = path.resolve(__dirname, '..', 'dist', platform)
  if (!fs.existsSync(path.join(dist, 'app.json'))) {
    console.log(`${platform}: not built (run npm run build:${platform})`)
    failed = true
    continue
  }
  const report = measurePackages(dist, platform)
  console.log(formatReport(report))
  for (const problem of sizeViolations(report)) {
    console.error(`OVER LIMIT: ${problem}`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
