/**
 * The demo tenant's organisation: enterprise, departments, roles, agents and record types.
 * Fixed data, so records written by an agent read the same on every run.
 */
import type { RecordType } from '../../shared/records'

export const VCC_ID = 90000000
export const ENTERPRISE_CODE = 'demo'

export interface Department {
  id: number
  name: string
}

export interface Role {
  id: number
  name: string
}

export interface Agent {
  userId: number
  agentNo: string
  name: string
  department: Department
  role: Role
}

const COMPANY: Department = { id: 1, name: '公司' }
const CENTRAL: Department = { id: 2, name: '华中销售部' }
const EAST: Department = { id: 3, name: '华东销售部' }
const SOUTH: Department = { id: 4, name: '华南销售部' }
const KEY_ACCOUNTS: Department = { id: 5, name: '大客户部' }

const BOSS: Role = { id: 1, name: 'BOSS' }
const MANAGER: Role = { id: 2, name: '销售经理' }
const SALES: Role = { id: 3, name: '销售代表' }

/** Agent 8001 is the demo account's user; the others write the rest of the history. */
export const AGENTS: readonly Agent[] = [
  { userId: 90000171, agentNo: '8001', name: '张伟', department: CENTRAL, role: SALES },
  { userId: 90000172, agentNo: '8002', name: '王磊', department: CENTRAL, role: MANAGER },
  { userId: 90000173, agentNo: '8003', name: '李娜', department: EAST, role: SALES },
  { userId: 90000174, agentNo: '8004', name: '刘洋', department: EAST, role: MANAGER },
  { userId: 90000175, agentNo: '8005', name: '陈静', department: SOUTH, role: SALES },
  { userId: 90000176, agentNo: '8006', name: '杨帆', department: SOUTH, role: SALES },
  { userId: 90000177, agentNo: '8007', name: '赵敏', department: KEY_ACCOUNTS, role: MANAGER },
  { userId: 90000178, agentNo: '8008', name: '黄晓明', department: KEY_ACCOUNTS, role: SALES },
  { userId: 90000100, agentNo: '1001', name: '周总', department: COMPANY, role: BOSS },
]

export function agentByNo(agentNo: string): Agent | undefined {
  return AGENTS.find((agent) => agent.agentNo === agentNo)
}

export function agentAt(index: number): Agent {
  const agent = AGENTS[index]
  if (!agent) throw new RangeError(`no agent #${index}`)
  return agent
}

/** `工号 + space + 坐席名`, the vendor's way of naming a user. */
export function agentDisplayName(agent: Agent): string {
  return `${agent.agentNo} ${agent.name}`
}

/** The four types of the vendor's document, ids and names included. */
export const RECORD_TYPES: readonly RecordType[] = [
  { id: 36, dic_name: '系统自动' },
  { id: 37, dic_name: '123123' },
  { id: 38, dic_name: '慢速记录' },
  { id: 39, dic_name: '光速记录' },
]

export function recordTypeName(id: number): string | undefined {
  return RECORD_TYPES.find((type) => type.id === id)?.dic_name
}
