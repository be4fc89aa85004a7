/**
 * The text of generated follow-up records: the visits, calls and quotes a sales team writes, with
 * the light HTML the vendor's rich-text editor produces (<p>, <b>, <br>, lists, links).
 */
import type { Prng } from './prng'
import { SURNAMES } from './vocabulary'

/**
 * Script that runs if the app ever injects record HTML unsanitized; security tests look for
 * `window.__xss`. Harmless otherwise.
 */
export const XSS_CONTENT =
  '<p>客户发来的资料：<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>' +
  '<a href="javascript:window.__xss=3">点击查看</a></p>'

export const SYSTEM_RECORD_TYPE = 36
export const TEST_RECORD_TYPE = 37
export const SLOW_RECORD_TYPE = 38
export const QUICK_RECORD_TYPE = 39

export interface ContentContext {
  prng: Prng
  product: string
  /** The author, e.g. "8002 王磊". */
  author: string
  /** Another agent, for hand-overs. */
  otherAgent: string
  opportunityName: string | undefined
  stageName: string | undefined
}

const FEATURES = ['远程管理', '通话录音', '数据报表', '移动端', '自动派单', '售后响应', '批量导入']
const FEEDBACK = ['系统偶尔卡顿', '对售后很满意', '希望价格再优惠一些', '需要和领导商量', '还在比较其他厂家', '对交付周期有顾虑']
const WHEN = ['明天', '下周一', '下周三', '本周五', '月底', '下个月初']
const TITLES = ['经理', '总', '主任', '工', '老师']

function contactName(prng: Prng): string {
  return prng.pick(SURNAMES) + prng.pick(TITLES)
}

function money(amount: number): string {
  return amount.toLocaleString('en-US')
}

/** Record type 38: long notes of visits, quotes and contracts. */
function slowRecord(ctx: ContentContext): string {
  const { prng, product } = ctx
  const contact = contactName(prng)
  const quantity = prng.between(1, 50)
  const price = prng.between(8, 400) * 100
  switch (prng.int(6)) {
    case 0:
      return `<p>上门拜访<b>${contact}</b>，演示了${product}，客户对${prng.pick(FEATURES)}比较感兴趣。</p><p>下一步：${prng.pick(WHEN)}前发送报价单。</p>`
    case 1: {
      const code = `BJ${prng.between(100000, 999999)}`
      return `<p>发送报价：${product} ${quantity}套，单价<b>${money(price)}元</b>，合计${money(price * quantity)}元。</p><p>报价单：<a href="https://files.example.cn/quote/${code}.pdf" target="_blank">${code}.pdf</a></p>`
    }
    case 2:
      return `<p>客户来公司参观展厅，重点了解了${product}。<br>参与人：${contact}、${ctx.author}</p>`
    case 3:
      return `<p>电话回访${contact}，客户反馈${prng.pick(FEEDBACK)}。</p><ul><li>问题已记录</li><li>约${prng.pick(WHEN)}上门处理</li></ul>`
    case 4:
      return `<p>合同已签订，金额<b>${money(price * quantity)}元</b>，预计${prng.between(1, 12)}月交付。</p>`
    default:
      return `<p>客户暂无预算，${contact}表示${prng.pick(FEEDBACK)}，计划${prng.between(1, 6)}个月后再跟进。</p>`
  }
}

/** Record type 39: one-liners typed on the phone between visits. */
function quickRecord(ctx: ContentContext): string {
  const { prng, product } = ctx
  switch (prng.int(6)) {
    case 0:
      return `已电话，客户在忙，约${prng.pick(WHEN)}再联系`
    case 1:
      return `微信发送了${product}资料`
    case 2:
      return '未接通'
    case 3:
      return `电话沟通${prng.between(2, 25)}分钟，客户${prng.pick(FEEDBACK)}`
    case 4:
      return `<p>短信提醒${contactName(prng)}查收报价<br>已确认收到</p>`
    default:
      return '跟进记录'
  }
}

/** Record type 36: what the CRM writes by itself. */
function systemRecord(ctx: ContentContext): string {
  const { prng } = ctx
  if (ctx.opportunityName !== undefined && ctx.stageName !== undefined && prng.chance(0.5)) {
    return `商机【${ctx.opportunityName}】阶段变更为${ctx.stageName}`
  }
  switch (prng.int(3)) {
    case 0:
      return `客户负责人由 ${ctx.otherAgent} 变更为 ${ctx.author}`
    case 1:
      return '客户从公海领取'
    default:
      return `通话记录：呼出，时长${prng.between(0, 20)}分${prng.between(0, 59)}秒`
  }
}

/** Record type 37, "123123": a tester's type that real tenants keep around. */
function testRecord(ctx: ContentContext): string {
  return ctx.prng.chance(0.5) ? '123123' : `测试${ctx.prng.between(1, 99)}`
}

export function recordContent(recordType: number, ctx: ContentContext): string {
  switch (recordType) {
    case SYSTEM_RECORD_TYPE:
      return systemRecord(ctx)
    case TEST_RECORD_TYPE:
      return testRecord(ctx)
    case SLOW_RECORD_TYPE:
      return slowRecord(ctx)
    default:
      return quickRecord(ctx)
  }
}

/**
 * `record_content_name`: the content with tags removed and entities left as they are, which is
 * what the vendor's PHP-style strip_tags produces.
 */
export function stripHtml(html: string): string {
  return html.replace(/<[^>]*>/g, '')
}
