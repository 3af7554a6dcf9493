/* kamgen's search worker for Material for MkDocs.
 *
 * Material's search box talks to a web worker with four messages: SETUP (the
 * contents of search/search_index.json) → READY, then QUERY (what the person
 * typed) → RESULT (result groups, one per page, each a list of the page and
 * its sections with highlighted title and text). This worker answers them
 * with MiniSearch instead of lunr, so that:
 *
 * - every word is indexed and searched as a set of forms: the word itself in
 *   lower case (ё as е, Latin accents dropped) plus its stems: English for
 *   Latin words, Russian AND Ukrainian for Cyrillic ones (a word's language
 *   cannot be told from its letters alone, and the portfolio mixes both).
 *   A query word matches a page when any of its forms matches any form there,
 *   so "договоры" finds "договора" and "логістика" finds "логістики";
 * - the same function makes the forms of the index and of the query, in this
 *   worker, so they cannot drift apart;
 * - a form also matches the words it begins (the person may not have finished
 *   typing) and, from five letters on, words one typo away, but an exact form
 *   scores higher than either: "Client 17" ranks above "Client 170";
 * - a page whose title is exactly the query comes first, then those whose
 *   title begins with it; results that match every query word come before
 *   those that match only some.
 *
 * The libraries (MiniSearch, Orama's stemmers) come from search-libs.js, built
 * from pinned npm packages: see kamgen/assets/search/build/. The index holds
 * HTML-escaped text; the worker searches the plain text and escapes every title
 * and text it sends back: Material inserts them as HTML.
 */
"use strict"

importScripts("search-libs.js")

const { MiniSearch, stemmers } = self.KamgenSearchLibs

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

// A word: letters and digits, with apostrophes inside (Ukrainian "п'ять").
const WORD = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu
const CYRILLIC = /\p{Script=Cyrillic}/u
const LATIN = /\p{Script=Latin}/u

// Score multipliers (see the header): tuned on the example portfolio.
const TITLE_BOOST = 3
const PAGE_BOOST = 1.5
const EXACT_TITLE_BOOST = 8
const TITLE_START_BOOST = 3
const SNIPPET = 180
const HIGHLIGHTED_GROUPS = 40

let index = null
let docs = []
let pages = new Map() // page location → its entry in docs

/* --------------------------------------------------------------------------
 * Words and their forms
 * ----------------------------------------------------------------------- */

const formsOf = new Map()

/** The forms a word is indexed and searched by. Memoised: each word is stemmed
 * once, which is faster and keeps a word's stems the same in the index and in
 * queries (one regular expression of the Ukrainian stemmer keeps state between
 * calls, so stemming a word twice could differ in rare "-ость" cases). */
function forms(word) {
  const key = word.toLowerCase()
  let result = formsOf.get(key)
  if (result === undefined) {
    let plain = key.replace(/[’ʼ]/g, "'").replace(/ё/g, "е")
    if (LATIN.test(plain))
      plain = plain.normalize("NFD").replace(/\p{M}/gu, "")
    const set = new Set([plain])
    if (CYRILLIC.test(plain)) {
      set.add(stemmers.russian(plain))
      set.add(stemmers.ukrainian(plain))
    } else if (LATIN.test(plain)) {
      set.add(stemmers.english(plain))
    }
    result = [...set].filter(form => form.length > 0)
    formsOf.set(key, result)
  }
  return result
}

function words(text) {
  return text.match(WORD) || []
}

/* --------------------------------------------------------------------------
 * Index
 * ----------------------------------------------------------------------- */

/** The index holds HTML-escaped text (as Material's does): the plain text back. */
function unescapeHTML(text) {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name) => ({
    amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'"
  })[name])
}

function setup(data) {
  docs = (data.docs || []).map(doc => {
    const title = unescapeHTML(doc.title || "")
    // the title's words as compared with the query (see titleMatch)
    return { ...doc, title, text: unescapeHTML(doc.text || ""), key: words(title).map(word => forms(word)[0]) }
  })
  pages = new Map(docs.filter(doc => !doc.location.includes("#")).map(doc => [doc.location, doc]))
  index = new MiniSearch({
    idField: "id",
    fields: ["title", "text"],
    storeFields: [],
    tokenize: words,
    processTerm: forms,
    searchOptions: {
      tokenize: query => [query],
      processTerm: term => term,
      boost: { title: TITLE_BOOST },
      prefix: true,
      fuzzy: term => term.length >= 5 ? 0.2 : false,
      maxFuzzy: 1,
      weights: { prefix: 0.3, fuzzy: 0.25 }
    }
  })
  index.addAll(docs.map((doc, id) => ({ id, title: doc.title, text: doc.text })))
}

/* --------------------------------------------------------------------------
 * Query
 * ----------------------------------------------------------------------- */

function pagePath(location) {
  return location.split("#")[0]
}

/** How well a title matches what was typed: 2 exactly, 1 it begins with it (the last word maybe unfinished), 0 else. */
function titleMatch(have, want) {
  if (want.length > have.length || !want.slice(0, -1).every((word, i) => word === have[i]))
    return 0
  const last = want.length - 1
  if (have[last] === want[last])
    return have.length === want.length ? 2 : 1
  return have[last].startsWith(want[last]) ? 1 : 0
}

function search(query, options) {
  const typed = [...new Map(words(query).map(word => [word.toLowerCase(), word])).values()]
  if (!typed.length || index === null)
    return { items: [] }
  const formsTyped = typed.map(forms)
  const key = formsTyped.map(list => list[0])
  const found = index.search({
    combineWith: "OR",
    queries: formsTyped.map(list => ({ combineWith: "OR", queries: list }))
  })

  const scored = found.map(hit => {
    const doc = docs[hit.id]
    const matchedForms = new Set(hit.queryTerms)
    const matched = formsTyped.map(list => list.some(form => matchedForms.has(form)))
    const coverage = matched.filter(Boolean).length / typed.length
    let score = hit.score * coverage * coverage * (doc.boost || 1)
    if (!doc.location.includes("#"))
      score *= PAGE_BOOST
    score *= [1, TITLE_START_BOOST, EXACT_TITLE_BOOST][titleMatch(doc.key, key)]
    return { doc, hit, matched, score }
  }).sort((a, b) => b.score - a.score)

  // One group per page, in the order of each page's best entry. Only the
  // groups a person will see get highlighted text (Material shows ten, then
  // more as they scroll); the rest are plain, which keeps broad queries on
  // large portfolios fast.
  const groups = new Map()
  for (const entry of scored) {
    const page = pagePath(entry.doc.location)
    if (!groups.has(page))
      groups.set(page, [])
    groups.get(page).push(result(entry, typed, formsTyped, groups.size <= HIGHLIGHTED_GROUPS))
  }
  // Material shows every group under its page: add the page when only sections
  // matched, with their terms, so its link highlights them on the page too.
  for (const [page, items] of groups)
    if (!items.some(item => item.location === page)) {
      const doc = pages.get(page)
      const terms = {}
      for (const item of items)
        for (const [term, found] of Object.entries(item.terms))
          terms[term] = terms[term] || found
      if (doc)
        items.push({ location: doc.location, title: escapeHTML(doc.title), text: "", score: 0, terms })
    }
  const items = [...groups.values()]
  const answer = { items }
  if (options && options.suggest)
    answer.suggest = suggest(typed, scored)
  return answer
}

/** One result entry as Material renders it. */
function result({ doc, hit, matched, score }, typed, formsTyped, highlighted) {
  const hits = new Set(highlighted ? hit.terms : [])
  // Material puts the matched terms in the link (?h=…) and highlights words
  // beginning with them on that page: send the shortest form, so every word
  // form is highlighted there; a word that matched nothing is shown struck out.
  const terms = {}
  typed.forEach((word, i) => {
    if (matched[i])
      terms[formsTyped[i].reduce((a, b) => (b.length >= 3 && b.length < a.length ? b : a))] = true
    else
      terms[word] = false
  })
  return {
    location: doc.location,
    title: mark(doc.title, hits),
    text: doc.text ? `<p>${snippet(doc.text, hits)}</p>` : "",
    score,
    terms
  }
}

function isHit(word, hits) {
  return forms(word).some(form => hits.has(form))
}

/** ``text`` HTML-escaped, with every word that matched wrapped in <mark>. */
function mark(text, hits) {
  if (!hits.size)
    return escapeHTML(text)
  let out = ""
  let last = 0
  for (const match of text.matchAll(WORD)) {
    if (!isHit(match[0], hits))
      continue
    out += escapeHTML(text.slice(last, match.index)) + "<mark>" + escapeHTML(match[0]) + "</mark>"
    last = match.index + match[0].length
  }
  return out + escapeHTML(text.slice(last))
}

/** A short part of ``text`` around its first match, highlighted. */
function snippet(text, hits) {
  if (text.length <= SNIPPET)
    return mark(text, hits)
  let start = 0
  for (const match of hits.size ? text.matchAll(WORD) : [])
    if (isHit(match[0], hits)) {
      start = Math.max(0, match.index - 40)
      break
    }
  if (start > 0) {
    const space = text.indexOf(" ", start)
    start = space >= 0 && space < start + 20 ? space + 1 : start
  }
  let end = Math.min(text.length, start + SNIPPET)
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end)
    end = space > start + SNIPPET / 2 ? space : end
  }
  return (start > 0 ? "… " : "") + mark(text.slice(start, end), hits) + (end < text.length ? " …" : "")
}

/** Completion of the last word typed, from the best result's title (search.suggest). */
function suggest(typed, scored) {
  const last = typed[typed.length - 1].toLowerCase()
  if (!scored.length)
    return []
  const word = words(scored[0].doc.title)
    .map(w => w.toLowerCase())
    .find(w => w.startsWith(last) && w !== last)
  return word ? [word] : []
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, ch => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])
}

/* --------------------------------------------------------------------------
 * Messages
 * ----------------------------------------------------------------------- */

let options = {}

addEventListener("message", event => {
  const message = event.data
  switch (message.type) {
    case SETUP:
      setup(message.data)
      options = message.data.options || {}
      postMessage({ type: READY })
      break
    case QUERY:
      try {
        postMessage({ type: RESULT, data: search(message.data, options) })
      } catch (err) {
        console.warn("kamgen search: cannot answer this query", err)
        postMessage({ type: RESULT, data: { items: [] } })
      }
      break
  }
})
