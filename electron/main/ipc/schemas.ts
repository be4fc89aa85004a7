import { z } from 'zod'
import type { CallArgs, MainCall } from '../../shared/ipc'

const nonEmpty = z.string().trim().min(1).max(512)
const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')

const ipcFailure = z.strictObject({
  kind: z.string().max(64),
  message: z.string().max(4096),
  retryable: z.boolean(),
  status: z.number().int().optional(),
  code: z.number().int().optional(),
})

/** The arguments each call accepts. Anything else from the renderer is refused before a handler runs. */
export const callArgSchemas: { [K in MainCall]: z.ZodType<CallArgs<K>> } = {
  getSession: z.tuple([]),
  signIn: z.tuple([
    z.strictObject({
      baseUrl: httpUrl,
      tokenUrl: httpUrl,
      clientId: nonEmpty,
      clientSecret: nonEmpty,
      enterpriseCode: nonEmpty.refine((v) => !v.includes('|'), 'must not contain "|"'),
      agentNo: nonEmpty.refine((v) => !v.includes('|'), 'must not contain "|"'),
      password: z.string().min(1).max(512),
      remember: z.boolean().optional(),
    }),
  ]),
  secretStorage: z.tuple([]),
  signInDemo: z.tuple([]),
  signOut: z.tuple([]),
  recordTypes: z.tuple([]),
  fetchRecord: z.tuple([z.string().regex(/^\d{1,19}$/, 'must be a server record id')]),
  attachStore: z.tuple([z.strictObject({ dbName: z.string().min(1).max(256) })]),
  storeReply: z.tuple([
    z.strictObject({
      id: z.number().int().nonnegative(),
      result: z.union([
        z.strictObject({ ok: z.literal(true), value: z.unknown() }),
        z.strictObject({ ok: z.literal(false), error: ipcFailure }),
      ]),
    }),
  ]) as z.ZodType<CallArgs<'storeReply'>>,
  syncNow: z.tuple([]),
  changesQueued: z.tuple([]),
  networkHint: z.tuple([z.boolean()]),
  syncStatus: z.tuple([]),
}
