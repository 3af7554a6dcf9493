// A Ukrainian stemmer: Kyrylo Zakharov's Snowball-style algorithm as
// @orama/stemmers 3.1.18 ships it ("uk", Apache-2.0), rewritten readably.
// Its Python twin is kamgen/search/ukrainian.py; tests/test_search_forms.py
// checks that both give the same stems. One change from Orama's code, made in
// both: the "-ость" test no longer uses a global regular expression, whose
// lastIndex carried over from one word to the next.

const VOWEL = /[аеиоуюяіїє]/
const PERFECTIVE_GERUND = /(?:[иы]в(?:ши(?:сь)?)?|(?<=[ая])(?:в(?:ши(?:сь)?)?))$/
const REFLEXIVE = /с[яьи]$/
const ADJECTIVE = /(?:[аеєуюя]|еє|ем|єє|ий|их|іх|ів|ій|ім|їй|ім|им|ими|іми|йми|ої|ою|ова|ове|ого|ому)$/
const PARTICIPLE = /(?:[аіу]|ій|ий|им|ім|их|йми|ого|ому|ою)$/
const VERB = /(?:[еєую]|ав|али|ати|вши|ив|ити|ме|сь|ся|ши|учи|яти|ячи|ать|ять)$/
const NOUN = /(?:[аеєіїийоуыьюя]|ам|ах|ами|ев|еві|еи|ей|ем|ею|єм|єю|ів|їв|ий|ием|ию|ия|иям|иях|ов|ові|ой|ом|ою|ью|ья|ям|ями|ях)$/
const DERIVATIONAL = /[^аеиоуюяіїє][аеиоуюяіїє]+[^аеиоуюяіїє]+[аеиоуюяіїє].*(?<=о)сть?$/
const I = /и$/
const OST = /ость$/
const SOFT = /ь$/
const SUPERLATIVE = /ейше$/
const NN = /нн$/

/** The stem of a lower-case Ukrainian word (other words come back as they are). */
export function stem(word) {
  const found = word.match(VOWEL)
  if (found === null)
    return word
  const head = word.slice(0, found.index + 1)
  let rest = word.slice(found.index + 1)
  if (rest === "")
    return word
  const strip = (pattern, by = "") => {
    const result = rest.replace(pattern, by)
    const changed = result !== rest
    rest = result
    return changed
  }
  if (!strip(PERFECTIVE_GERUND)) {
    strip(REFLEXIVE)
    if (strip(ADJECTIVE))
      strip(PARTICIPLE)
    else if (!strip(VERB))
      strip(NOUN)
  }
  strip(I)
  if (DERIVATIONAL.test(rest))
    strip(OST)
  if (!strip(SOFT)) {
    strip(SUPERLATIVE)
    strip(NN, "н")
  }
  return head + rest
}
