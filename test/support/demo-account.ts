/** The built-in demo account as a test signs in with it, on whichever demo server the test started. */
import type { AccountConfig } from '../../electron/main/crm/auth'
import { DEMO_ACCOUNT, type DemoServer } from '../../electron/main/demo/server'

export function demoAccountConfig(server: Pick<DemoServer, 'url' | 'tokenUrl'>): AccountConfig {
  return {
    baseUrl: server.url,
    tokenUrl: server.tokenUrl,
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    enterpriseCode: DEMO_ACCOUNT.enterpriseCode,
    agentNo: DEMO_ACCOUNT.agentNo,
  }
}
