import { dialects } from '../../support/dialects'
import { useDialectApp } from '../../support/dialect-app'
import { auditRows, startIdentityApp } from '../../support/identity'
import { createTestOperator, tokenOf } from '../../support/operators'

/**
 * POST /api/operator/me/password proves the current password: a stolen session must not be
 * a way to guess it on and on. OPERATOR_PASSWORD_CHANGE_FAILURES (3 here) wrong current
 * passwords end the session that made them, audited; a right one before that resets the count.
 */
describe.each(dialects())('wrong current passwords on $name', (dialect) => {
  const { app } = useDialectApp(dialect, (testDb) => startIdentityApp(testDb, { env: { OPERATOR_PASSWORD_CHANGE_FAILURES: '3' } }))
  const me = (token: string) => app.request('/api/operator/me', { token })
  const change = (token: string, currentPassword: string, newPassword = 'a-brand-new-password-1') =>
    app.request('/api/operator/me/password', { method: 'POST', token, payload: { currentPassword, newPassword } })

  test('the third wrong current password ends the session (401, audited); the password is unchanged and other sessions go on', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    const stolen = await tokenOf(app.server.app, operator)
    const own = await tokenOf(app.server.app, operator)
    for (const guess of ['guess-number-one', 'guess-number-two']) {
      const wrong = await change(stolen, guess)
      expect(wrong.status).toBe(400)
      expect(wrong.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.currentPassword' })
    }
    const ended = await change(stolen, 'guess-number-three')
    expect(ended.status).toBe(401)
    expect(ended.body.error).toEqual({ code: 'UNAUTHENTICATED', message: '当前密码已连续输入错误 3 次，为保护账号安全已退出登录，请重新登录' })
    expect((await me(stolen)).status).toBe(401)
    // Even the right password is too late for that session.
    expect((await change(stolen, operator.password)).status).toBe(401)
    expect((await me(own)).status).toBe(200)
    expect(await tokenOf(app.server.app, operator)).toMatch(/^op\./)

    const changes = (await auditRows(app.db, 'operator.password_change')).filter((row) => row.operator_id === operator.id)
    expect(changes.map((row) => [row.outcome, row.detail?.reason])).toEqual([
      ['failure', 'wrong_current_password'],
      ['failure', 'wrong_current_password'],
      ['failure', 'wrong_current_password'],
    ])
    const [end] = (await auditRows(app.db, 'operator.session_end')).filter((row) => row.operator_id === operator.id)
    expect(end).toMatchObject({ outcome: 'success', detail: { targetOperatorId: operator.id, reason: 'too_many_wrong_current_passwords' } })
  })

  test('parallel guesses count as well: at most the allowed number of them is checked', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    const stolen = await tokenOf(app.server.app, operator)
    const answers = await Promise.all(Array.from({ length: 8 }, (_, index) => change(stolen, `parallel-guess-${index}`)))
    expect(answers.filter((answer) => answer.status === 400).length).toBeLessThanOrEqual(2)
    expect(answers.every((answer) => answer.status === 400 || answer.status === 401)).toBe(true)
    expect((await me(stolen)).status).toBe(401)
    const checked = (await auditRows(app.db, 'operator.password_change')).filter((row) => row.operator_id === operator.id)
    expect(checked.length).toBeLessThanOrEqual(3)
  })

  test('a right current password before the limit resets the count', async () => {
    const operator = await createTestOperator(app.server.app, ['reviewer'])
    let token = await tokenOf(app.server.app, operator)
    let password = operator.password
    for (const round of [1, 2]) {
      for (const guess of ['typo-number-one', 'typo-number-two']) expect((await change(token, guess)).status).toBe(400)
      const next = `round-${round}-new-password`
      const changed = await change(token, password, next)
      expect(changed.status).toBe(200)
      token = changed.body.token
      password = next
    }
    expect((await me(token)).status).toBe(200)
  })
})
