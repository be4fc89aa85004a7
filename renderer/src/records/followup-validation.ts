/** The new follow-up form's rules: a client and a type, and content of at most 2000 characters. */

export const MAX_CONTENT_LENGTH = 2000

export interface FollowupFields {
  clientId?: string
  recordType?: number
  /** Plain text as typed. */
  content: string
}

export type FollowupProblem = 'required' | 'tooLong'
export type FollowupErrors = Partial<Record<'client' | 'type' | 'content', FollowupProblem>>

/** Characters as people count them: an emoji is one, not two UTF-16 units. */
export const contentLength = (content: string): number => [...content].length

export function validateFollowup(fields: FollowupFields): FollowupErrors {
  const errors: FollowupErrors = {}
  if (!fields.clientId) errors.client = 'required'
  if (fields.recordType === undefined) errors.type = 'required'
  if (fields.content.trim() === '') errors.content = 'required'
  else if (contentLength(fields.content) > MAX_CONTENT_LENGTH) errors.content = 'tooLong'
  return errors
}

export const isValid = (errors: FollowupErrors): boolean => Object.keys(errors).length === 0
