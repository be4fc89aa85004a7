import { describe, expect, it } from 'vitest'
import { htmlToPlainText, plainTextToHtml } from '../../../../renderer/src/records/followup-content'
import { clearDraft, draftKey, loadDraft, saveDraft } from '../../../../renderer/src/records/followup-draft'
import { MAX_CONTENT_LENGTH, validateFollowup } from '../../../../renderer/src/records/followup-validation'

describe('new follow-up validation', () => {
  const valid = { clientId: '6471994196060471873', recordType: 39, content: '电话回访' }

  it('accepts a client, a type and content', () => {
    expect(validateFollowup(valid)).toEqual({})
  })

  it('requires a client, a type and content that is not blank', () => {
    expect(validateFollowup({ content: '  \n ' })).toEqual({ client: 'required', type: 'required', content: 'required' })
  })

  it('allows 2000 characters and refuses more, counting an emoji as one', () => {
    expect(validateFollowup({ ...valid, content: '字'.repeat(MAX_CONTENT_LENGTH) })).toEqual({})
    expect(validateFollowup({ ...valid, content: '字'.repeat(MAX_CONTENT_LENGTH + 1) })).toEqual({ content: 'tooLong' })
    expect(validateFollowup({ ...valid, content: '👍'.repeat(MAX_CONTENT_LENGTH) })).toEqual({})
  })
})

describe('follow-up content', () => {
  it('stores typed text as HTML that shows exactly what was typed', () => {
    expect(plainTextToHtml('报价 <b>10</b> & "含税"\r\n下周再联系')).toBe('报价 &lt;b&gt;10&lt;/b&gt; &amp; &quot;含税&quot;<br>\n下周再联系')
  })

  it('turns stored HTML back into editable text', () => {
    const text = '报价 <b>10</b> & "含税"\n下周再联系'
    expect(htmlToPlainText(plainTextToHtml(text))).toBe(text)
    expect(htmlToPlainText('<p>第一段</p><p>第二段<br/>第三行</p>')).toBe('第一段\n第二段\n第三行')
  })
})

describe('the follow-up draft in storage', () => {
  const account = { baseUrl: 'http://127.0.0.1:8787/openapi/v1', enterpriseCode: 'demo', agentNo: '8001' }

  it('is kept per account', () => {
    expect(draftKey(account)).not.toBe(draftKey({ ...account, agentNo: '8002' }))
  })

  it('round-trips, and an empty draft is removed rather than stored', () => {
    const key = draftKey(account)
    saveDraft(localStorage, key, { clientId: '1', clientName: '张伟', recordType: 39, content: '草稿' })
    expect(loadDraft(localStorage, key)).toEqual({ clientId: '1', clientName: '张伟', recordType: 39, content: '草稿' })
    saveDraft(localStorage, key, { content: '  ' })
    expect(localStorage.getItem(key)).toBeNull()
    saveDraft(localStorage, key, { content: 'x' })
    clearDraft(localStorage, key)
    expect(loadDraft(localStorage, key)).toBeUndefined()
  })

  it('ignores unreadable or malformed stored drafts', () => {
    localStorage.setItem('k1', '{cut off')
    localStorage.setItem('k2', JSON.stringify({ clientId: 5, recordType: '39', content: ['x'] }))
    expect(loadDraft(localStorage, 'k1')).toBeUndefined()
    expect(loadDraft(localStorage, 'k2')).toEqual({ content: '' })
  })
})
