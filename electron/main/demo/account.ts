/** The credentials of the built-in demo account, shown on the sign-in screen and printed by the CLI. */
export const DEMO_ACCOUNT = {
  clientId: 'ecrm-demo',
  clientSecret: 'demo-secret',
  enterpriseCode: 'demo',
  agentNo: '8001',
  password: 'demo123',
} as const
