/**
 * The sign-in form's model and rules. The rules mirror what main accepts (electron/main/ipc/schemas.ts),
 * so the user hears about a mistake next to the field rather than as a refused call.
 */
import type { FormItemRule, FormRules } from 'naive-ui'
import type { SignInRequest } from '../../../../electron/shared/ipc'

export const DEFAULT_BASE_URL = 'https://e-crm.icsoc.net/openapi/v1'
export const DEFAULT_TOKEN_URL = 'https://account.icsoc.net/oauth2/token'

export type SignInFields = Required<SignInRequest>

export function emptySignInFields(prefill: Partial<SignInFields> = {}): SignInFields {
  return {
    enterpriseCode: '',
    agentNo: '',
    password: '',
    baseUrl: DEFAULT_BASE_URL,
    tokenUrl: DEFAULT_TOKEN_URL,
    clientId: '',
    clientSecret: '',
    remember: true,
    ...prefill,
  }
}

const MAX_LENGTH = 512
const MAX_URL_LENGTH = 2048

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** `label(field)` names the field in the user's language; `t` words the messages. */
export function signInRules(t: (key: string, named?: Record<string, unknown>) => string, label: (field: keyof SignInFields) => string): FormRules {
  const required = (field: keyof SignInFields): FormItemRule => ({
    required: true,
    trigger: ['blur', 'input'],
    validator: (_rule, value: string) => value.trim() !== '' || new Error(t('signIn.rules.required', { field: label(field) })),
  })
  const maxLength = (field: keyof SignInFields, max = MAX_LENGTH): FormItemRule => ({
    trigger: ['blur', 'input'],
    validator: (_rule, value: string) => value.length <= max || new Error(t('signIn.rules.tooLong', { field: label(field) })),
  })
  // Main signs in as `企业代码|工号`, so neither may hold the bar.
  const noBar = (field: keyof SignInFields): FormItemRule => ({
    trigger: ['blur', 'input'],
    validator: (_rule, value: string) => !value.includes('|') || new Error(t('signIn.rules.noBar', { field: label(field) })),
  })
  const url = (field: keyof SignInFields): FormItemRule[] => [
    required(field),
    maxLength(field, MAX_URL_LENGTH),
    { trigger: 'blur', validator: (_rule, value: string) => value.trim() === '' || isHttpUrl(value) || new Error(t('signIn.rules.url')) },
  ]
  return {
    enterpriseCode: [required('enterpriseCode'), maxLength('enterpriseCode'), noBar('enterpriseCode')],
    agentNo: [required('agentNo'), maxLength('agentNo'), noBar('agentNo')],
    password: [required('password'), maxLength('password')],
    baseUrl: url('baseUrl'),
    tokenUrl: url('tokenUrl'),
    clientId: [required('clientId'), maxLength('clientId')],
    clientSecret: [required('clientSecret'), maxLength('clientSecret')],
  }
}

/**
 * Whether a field under "advanced" would fail its rule. Naive mounts a collapsed section's fields
 * only once it was opened, and unmounted fields are not validated: the form opens it first.
 */
export function advancedIncomplete(fields: SignInFields): boolean {
  const blank = (value: string) => value.trim() === ''
  return blank(fields.clientId) || blank(fields.clientSecret) || !isHttpUrl(fields.baseUrl) || !isHttpUrl(fields.tokenUrl)
}

/** The request main gets: the same fields, trimmed where spaces cannot be meant (never the password). */
export function toSignInRequest(fields: SignInFields): SignInRequest {
  return {
    enterpriseCode: fields.enterpriseCode.trim(),
    agentNo: fields.agentNo.trim(),
    password: fields.password,
    baseUrl: fields.baseUrl.trim(),
    tokenUrl: fields.tokenUrl.trim(),
    clientId: fields.clientId.trim(),
    clientSecret: fields.clientSecret.trim(),
    remember: fields.remember,
  }
}
