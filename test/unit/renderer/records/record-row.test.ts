import { describe, expect, it } from 'vitest'
import type { CachedClient, CachedRecord } from '../../../../renderer/src/db/types'
import { syncBadge, toRecordRow } from '../../../../renderer/src/records/record-row'

const record: CachedRecord = {
  _id: '6471994196059471873',
  id: '6471994196059471873',
  cle_id: '6471994196060471873',
  record_type: 38,
  record_type_name: '慢速记录',
  record_content: '<p>上门拜访<b>王经理</b></p><p>下一步：  发送报价</p>',
  record_content_name: '上门拜访王经理\n下一步：  发送报价',
  cle_name: '上海恒达科技有限公司',
  create_time: 1_750_000_000,
  create_user_name: '8002 王磊',
}

const client: CachedClient = { _id: record.cle_id, id: record.cle_id, cle_name: '恒达', cle_phone: '13812345678', updated: 0 }

describe('record list rows', () => {
  it('shows client, type, a one-line text preview, author and time', () => {
    expect(toRecordRow(record, client)).toEqual({
      id: record.id,
      clientId: record.cle_id,
      clientName: '上海恒达科技有限公司',
      clientPhone: '13812345678',
      typeName: '慢速记录',
      preview: '上门拜访王经理 下一步： 发送报价',
      author: '8002 王磊',
      createTime: 1_750_000_000,
    })
  })

  it('strips the HTML itself when the text twin is missing, and never shows markup', () => {
    const { record_content_name: _, ...withoutText } = record
    const row = toRecordRow({ ...withoutText, record_content: '<p>资料<img src=x onerror="window.__xss=1"><script>x</script></p>' })
    expect(row.preview).toBe('资料x')
    expect(row.preview).not.toContain('<')
  })

  it('takes the client name from the directory when the record lacks it', () => {
    const { cle_name: _, ...anonymous } = record
    expect(toRecordRow(anonymous, client).clientName).toBe('恒达')
    expect(toRecordRow(anonymous).clientName).toBe('')
  })

  it('carries the sync state of records not yet on the server', () => {
    expect(toRecordRow({ ...record, id: 'local:1', sync: 'pending' }).sync).toBe('pending')
    expect(toRecordRow(record)).not.toHaveProperty('sync')
    expect(toRecordRow({ ...record, local_id: 'local:1' }).localId).toBe('local:1')
  })

  it('badges each sync state, and nothing once on the server', () => {
    expect(syncBadge('pending')).toEqual({ label: 'pending', type: 'warning' })
    expect(syncBadge('sending')).toEqual({ label: 'sending', type: 'info' })
    expect(syncBadge('checking')).toEqual({ label: 'checking', type: 'info' })
    expect(syncBadge('attention')).toEqual({ label: 'attention', type: 'error' })
    expect(syncBadge(undefined)).toBeUndefined()
  })
})
