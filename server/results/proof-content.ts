/**
 * What an issued proof states, stored as JSON with the row and covered by its signature: the
 * title, the issuing department, the masked holder and the statement filled in. Never a full
 * ID number or name.
 */
export interface ProofContent {
  title: string
  department: string
  holderName: string
  holderIdNumber: string
  statement: string
}

/**
 * Fills {name}, {idNumber} and {formField} placeholders. A placeholder with no value reads
 * 未填写 rather than a brace a citizen would not understand.
 */
export function fillStatement(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (_, key: string) => values[key]?.trim() || '未填写')
}
