import { describe, expect, it } from 'vitest'
import { formatFullTime, formatRecordTime } from '../../../../renderer/src/records/record-time'

/** Local wall-clock times, so the tests hold in any time zone. */
const at = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min).getTime()
const unix = (ms: number) => Math.floor(ms / 1000)
const NOW = at(2025, 6, 18, 15, 30)

describe('record times', () => {
  it('says minutes and hours for today, in zh-CN and English', () => {
    expect(formatRecordTime(unix(NOW - 5 * 60_000), 'zh-CN', NOW)).toBe('5分钟前')
    expect(formatRecordTime(unix(NOW - 5 * 60_000), 'en', NOW)).toBe('5 minutes ago')
    expect(formatRecordTime(unix(at(2025, 6, 18, 12, 0)), 'zh-CN', NOW)).toBe('3小时前')
    expect(formatRecordTime(unix(at(2025, 6, 18, 12, 0)), 'en', NOW)).toBe('3 hours ago')
  })

  it('says "just now" under a minute, also for a clock slightly ahead', () => {
    expect(formatRecordTime(unix(NOW - 20_000), 'zh-CN', NOW, '刚刚')).toBe('刚刚')
    expect(formatRecordTime(unix(NOW + 90_000), 'en', NOW, 'just now')).toBe('just now')
    expect(formatRecordTime(unix(NOW), 'en', NOW)).toBe('now')
  })

  it('counts calendar days for the last week: yesterday, the day before, n days ago', () => {
    expect(formatRecordTime(unix(at(2025, 6, 17, 23, 50)), 'zh-CN', NOW)).toBe('昨天')
    expect(formatRecordTime(unix(at(2025, 6, 17, 9, 0)), 'en', NOW)).toBe('yesterday')
    expect(formatRecordTime(unix(at(2025, 6, 16, 9, 0)), 'zh-CN', NOW)).toBe('前天')
    expect(formatRecordTime(unix(at(2025, 6, 13, 9, 0)), 'zh-CN', NOW)).toBe('5天前')
    expect(formatRecordTime(unix(at(2025, 6, 13, 9, 0)), 'en', NOW)).toBe('5 days ago')
  })

  it('shows a date beyond a week, with the year only when it is not this year', () => {
    expect(formatRecordTime(unix(at(2025, 3, 5, 10)), 'zh-CN', NOW)).toBe('3月5日')
    expect(formatRecordTime(unix(at(2025, 3, 5, 10)), 'en', NOW)).toBe('Mar 5')
    expect(formatRecordTime(unix(at(2023, 11, 20, 10)), 'zh-CN', NOW)).toBe('2023年11月20日')
    expect(formatRecordTime(unix(at(2023, 11, 20, 10)), 'en', NOW)).toBe('Nov 20, 2023')
  })

  it('gives the full date and time for tooltips', () => {
    expect(formatFullTime(unix(at(2024, 3, 5, 14, 3)), 'zh-CN')).toBe('2024年3月5日 14:03')
    expect(formatFullTime(unix(at(2024, 3, 5, 14, 3)), 'en')).toMatch(/^Mar 5, 2024, 2:03\sPM$/)
  })
})
