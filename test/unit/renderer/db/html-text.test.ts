import { describe, expect, it } from 'vitest'
import { htmlToText } from '../../../../renderer/src/db/html-text'

describe('the text of record content', () => {
  it('drops tags and comments', () => {
    expect(htmlToText('<p>客户<b>很</b>满意<!-- 备注 --></p><br/>')).toBe('客户很满意')
  })

  it('decodes the common entities once, not twice', () => {
    expect(htmlToText('A &amp; B &lt;C&gt; &quot;D&quot; &#39;E&#39;&nbsp;F')).toBe('A & B <C> "D" \'E\' F')
    expect(htmlToText('&amp;lt;p&amp;gt;')).toBe('&lt;p&gt;')
    expect(htmlToText('&#x4F60;&#22909;')).toBe('你好')
  })

  it('leaves what is not markup alone', () => {
    expect(htmlToText('3 < 5 &unknown; &#0; 电话')).toBe('3 < 5 &unknown; &#0; 电话')
  })
})
