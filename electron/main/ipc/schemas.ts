import { z } from 'zod'
import type { CallArgs, MainCall } from '../../shared/ipc'

const nonEmpty = z.string().trim().min(1).max(512)
const httpUrl = z
  .string()
  .max(2048)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')

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
    }),
  ]),
  signInDemo: z.tuple([]),
  signOut: z.tuple([]),
  recordTypes: z.tuple([]),
}
