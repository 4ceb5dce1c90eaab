import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../src/contract/operators/data'
import { AppError } from '../errors'

/**
 * Passwords an attacker tries first (the top of public leak lists, padded to 12+
 * characters as people do, and the obvious local ones). Compared case-insensitively.
 * Deliberately small: length is the main defence; this only stops the worst choices.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '111111111111',
  '000000000000',
  '123123123123',
  'qwertyuiop12',
  'qwertyuiop123',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'zaq12wsxcde3',
  'password1234',
  'password123!',
  'password@123',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  'iloveyou1234',
  'abcdefghijkl',
  'abc123456789',
  'abcd12345678',
  'admin1234567',
  'admin@123456',
  'administrator',
  'administrator1',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'woaini520520',
  'woaini1314520',
  '5201314520131',
  'aa123456789a',
  'a123456789012',
  'gov-mini1234',
  'govmini12345',
  'zhengwu123456',
])

/**
 * A new operator password: PASSWORD_MIN_LENGTH to PASSWORD_MAX_LENGTH characters, not the
 * username, not a common password. Throws VALIDATION_FAILED naming `field` and the rule.
 */
export function assertAcceptablePassword(password: string, username: string, field: string): void {
  const length = Array.from(password).length
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new AppError('VALIDATION_FAILED', {
      message: `密码长度需为 ${PASSWORD_MIN_LENGTH}-${PASSWORD_MAX_LENGTH} 个字符`,
      field,
      rule: `minLength ${PASSWORD_MIN_LENGTH}`,
    })
  }
  const folded = password.trim().toLowerCase()
  if (folded === username.toLowerCase() || folded.includes(username.toLowerCase())) {
    throw new AppError('VALIDATION_FAILED', { message: '密码不能包含用户名，请换一个密码', field, rule: 'not the username' })
  }
  if (COMMON_PASSWORDS.has(folded)) {
    throw new AppError('VALIDATION_FAILED', { message: '该密码过于常见，容易被猜中，请换一个密码', field, rule: 'not a common password' })
  }
}
