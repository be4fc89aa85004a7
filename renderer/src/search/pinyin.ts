/**
 * Pinyin of client names, so `zhangsan` and `zs` both find 张三. The CRM's own `cle_pinyin` is
 * trusted when the client has one (it knows 沌口 reads zhuankou); initials are then taken from the
 * readings that spell it. Without it, pinyin-pro reads the name twice, plainly (成都 chengdu) and
 * with a leading surname read as one (曾伟 zengwei, not cengwei), and both readings are kept when
 * they differ: a wrong extra reading costs a rare false hit, a missing one a client never found.
 *
 * pinyin-pro is loaded on demand: a chunk of its own, 420 KB of dictionary literals that take
 * 50–170 ms to load and evaluate (measured in headless Chromium here). Neither the first screen nor a restored
 * search index needs it; names the index has not read yet, the client picker and marking a
 * Latin-letter query in client names do, and they await `loadPinyin()` first.
 */
type PinyinPro = typeof import('pinyin-pro')

let engine: PinyinPro | undefined
let loading: Promise<PinyinPro> | undefined

export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro').then((module) => (engine = module))
  return loading.then(() => undefined)
}

/** pinyin-pro once `loadPinyin()` has resolved, else undefined. */
export function loadedPinyin(): PinyinPro | undefined {
  return engine
}

function pinyinPro(): PinyinPro {
  if (!engine) throw new Error('pinyin-pro is not loaded: await loadPinyin() first')
  return engine
}

export interface NamePinyin {
  /** Every syllable run together, lower case, ü as v: "zhangsan". */
  full: string
  /** First letter of each syllable: "zs". Characters without a reading count as themselves. */
  initials: string
}

const READING_OPTIONS = { toneType: 'none', type: 'array', v: true } as const

/** The readings of a client name, the one to sort by first. Needs `loadPinyin()` to have resolved. */
export function namePinyin(name: string, stored?: string): NamePinyin[] {
  const full = stored?.toLowerCase().replace(/\s+/g, '') ?? ''
  const plain = reading(name, 'normal')
  if (full !== '') return [{ full, initials: initialsSpelling(name, full) ?? plain.initials }]
  const surname = reading(name, 'surname')
  return surname.full === plain.full ? [plain] : [plain, surname]
}

function reading(name: string, mode: 'normal' | 'surname'): NamePinyin {
  const options = mode === 'surname' ? { ...READING_OPTIONS, mode, surname: 'head' as const } : READING_OPTIONS
  const syllables = pinyinPro()
    .pinyin(name, options)
    .map((syllable) => syllable.toLowerCase().replace(/\s+/g, ''))
    .filter((syllable) => syllable !== '')
  return { full: syllables.join(''), initials: syllables.map((syllable) => syllable[0]).join('') }
}

/**
 * The initials of the readings that spell `full`, one per character (a character may also be
 * skipped: punctuation the CRM left out), or undefined if no choice of readings spells it.
 */
function initialsSpelling(name: string, full: string): string | undefined {
  const readings = pinyinPro()
    .polyphonic(name, READING_OPTIONS)
    .map((options) =>
      [...new Set(options.map((reading) => reading.toLowerCase().replace(/\s+/g, '')))].filter((reading) => reading !== ''),
    )
  // failed[i] holds the positions in `full` from which characters i.. were already shown not to spell the rest.
  const failed = readings.map(() => new Set<number>())
  const spell = (char: number, at: number): string | undefined => {
    if (char === readings.length) return at === full.length ? '' : undefined
    if (failed[char]?.has(at)) return undefined
    for (const reading of readings[char] ?? []) {
      if (!full.startsWith(reading, at)) continue
      const rest = spell(char + 1, at + reading.length)
      if (rest !== undefined) return reading[0] + rest
    }
    const skipped = spell(char + 1, at)
    if (skipped === undefined) failed[char]?.add(at)
    return skipped
  }
  return spell(0, 0)
}
