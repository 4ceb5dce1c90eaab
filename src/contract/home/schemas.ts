/**
 * What the home page shows from the catalogue, in one small request (the home page is in the
 * main package, which must stay small and quick: the full catalogue client lives in the
 * services subpackage).
 *
 * Routes (public):
 *   GET /api/home/services   HomeServices: the most used published items (热门服务) and the
 *                            life events (一件事) that have published items, in display order
 *
 * Client: import types only (`import type`).
 */
import { Type, type Static } from '@sinclair/typebox'

export const HomeServicesSchema = Type.Object({
  /** Most used first (the catalogue's popularity). */
  popular: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), department: Type.String() })),
  /** key: the catalogue's lifeEvent filter value; name: 我要生育, …; count: published items. */
  lifeEvents: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), count: Type.Integer() })),
})
export type HomeServices = Static<typeof HomeServicesSchema>
