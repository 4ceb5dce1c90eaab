import type { FastifyRequest } from 'fastify'
import type { AuditEvent, AuditLog } from '../audit/audit-log'
import { sharedPlugin } from './shared-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Appends to the audit log. Every feature that reads or changes sensitive records
     * (health status, certificates, social security) records it here, with citizen ids
     * and masked values only.
     */
    audit(event: AuditEvent): Promise<void>
  }
}

export interface AuditPluginOptions extends Record<string, unknown> {
  auditLog: AuditLog
}

export const auditPlugin = sharedPlugin<AuditPluginOptions>('audit', async (app, { auditLog }) => {
  app.decorate('audit', (event: AuditEvent) => auditLog.record(event))
})

/** The request's account (or operator), citizen and IP, to spread into an audit event. */
export function auditSource(request: FastifyRequest): Pick<AuditEvent, 'accountId' | 'operatorId' | 'citizenId' | 'ip'> {
  const account = request.identity?.account
  return { accountId: account?.id ?? null, operatorId: request.operator?.operator.id ?? null, citizenId: account?.citizenId ?? null, ip: request.ip }
}
