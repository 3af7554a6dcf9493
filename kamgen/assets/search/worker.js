/* kamgen's search worker for Material for MkDocs.
 *
 * Material's search box talks to a web worker with four messages: SETUP (the
 * contents of search/search_index.json) → READY, then QUERY (what the person
 * typed) → RESULT (result groups, one per page, each a list of the page and
 * its sections with highlighted title and text).
 *
 * The site build wrote the index already split (kamgen/search/site_index.py):
 * search_index.json holds only a manifest, which arrives with SETUP. Nothing
 * else is fetched until the person types: then this worker loads the word
 * forms code (search-forms.js, the browser's twin of kamgen/search/forms.py),
 * the shards that hold the forms of the query's words, and the records of the
 * pages it shows. No index is built here.
 *
 * - every word of a query is searched by its forms — the word in lower case
 *   (ё as е, Latin accents dropped) plus its stems (English for Latin words,
 *   Russian AND Ukrainian for Cyrillic ones) — the same forms the build
 *   indexed, so "договоры" finds "договора" and "логістикою" "логістики";
 * - a Cyrillic word is also searched in Latin letters ("Мельник" finds
 *   "Melnyk"), and the index holds every Cyrillic word's Latin spellings
 *   ("Kuznetsova" finds "Кузнецова"): both weigh less than the word as typed;
 * - a form also matches the words it begins (the person may not have finished
 *   typing) and, from five letters on, words one typo away, but an exact form
 *   scores higher than either: "Client 17" ranks above "Client 170";
 * - a page whose title is exactly the query comes first, then those whose
 *   title begins with it; results that match every query word come before
 *   those that match only some;
 * - tier:A, status:at-risk, owner:…, industry:… keep the account plans whose
 *   dossier says so (kamgen/search/facets.py).
 *
 * The records hold HTML-escaped text (as Material's index does): the worker
 * searches the plain text and escapes every title and text it sends back,
 * because Material inserts them as HTML.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

// The site's root: this worker is assets/kamgen/search/worker.js.
const ROOT = new URL("../../../", self.location.href)
const FOLDER = "search/kamgen/"

// Scores (see kamgen/search/shards.py for the weights the build wrote).
const PREFIX = 0.3 // a word the typed word begins
const FUZZY = 0.25 // a word one typo away
const TRANSLIT = 0.5 // the typed Cyrillic word in Latin letters
const EXACT_TITLE_BOOST = 8
const TITLE_START_BOOST = 3
const FUZZY_FROM = 5 // letters
const MAX_EXPANDED_SHARDS = 4 // a one-letter word would need every shard beginning with it: it gets its own only
const SHOWN_PAGES = 20 // result groups: the records of each are fetched
const SNIPPET = 180
const FACET = /^(tier|status|owner|industry):(.+)$/iu

let manifest = null
let options = {}
let forms = null // search-forms.js, loaded on the first query
const cache = new Map() // URL → promise of its JSON

/* --------------------------------------------------------------------------
 * Files
 * ----------------------------------------------------------------------- */

function fetchJSON(path) {
  const url = new URL(`${FOLDER}${path}?v=${manifest.version}`, ROOT).href
  let found = cache.get(url)
  if (found === undefined) {
    found = fetch(url).then(response => {
      if (!response.ok)
        throw new Error(`${url}: ${response.status}`)
      return response.json()
    })
    found.catch(() => cache.delete(url))
    cache.set(url, found)
  }
  return found
}

/** The shard holding ``form``: the one with the longest prefix that begins it. */
function shardOf(form) {
  let best = 0
  manifest.shards.forEach((prefix, n) => {
    if (prefix.length > manifest.shards[best].length && form.startsWith(prefix))
      best = n
  })
  return best
}

/** The shards holding ``form`` and, if ``expand``, every form it begins. */
function shardsFor(form, expand) {
  const found = new Set([shardOf(form)])
  if (expand) {
    const deeper = []
    manifest.shards.forEach((prefix, n) => {
      if (prefix.length > form.length && prefix.startsWith(form))
        deeper.push(n)
    })
    if (deeper.length <= MAX_EXPANDED_SHARDS)
      deeper.forEach(n => found.add(n))
  }
  return [...found]
}

function loadForms() {
  if (forms === null) {
    importScripts("search-forms.js")
    forms = self.KamgenForms
  }
  return forms
}

/* --------------------------------------------------------------------------
 * Query
 * ----------------------------------------------------------------------- */

/** What was typed: words, and filters (key:value), each as the index forms it may match:
 * the value as typed, its word forms ("industry:агробізнесі") and Latin spellings. */
function parse(query) {
  const filters = []
  const rest = []
  for (const token of query.split(/\s+/u)) {
    const found = token.match(FACET)
    if (found) {
      const key = found[1].toLowerCase()
      const value = forms.plain(found[2])
      const alternatives = [value, ...forms.forms(found[2]), ...forms.latin(value)]
      filters.push([...new Set(alternatives)].map(form => `${key}:${form}`))
    } else {
      rest.push(token)
    }
  }
  const typed = [...new Map(forms.words(rest.join(" ")).map(word => [word.toLowerCase(), word])).values()]
  return { typed, filters }
}

/** A shard's postings of one form: Map document id → weight. */
function postings(shard, form) {
  const list = shard[form]
  const found = new Map()
  if (!list)
    return found
  let doc = 0
  for (let i = 0; i < list.length; i += 2) {
    doc += list[i]
    found.set(doc, list[i + 1])
  }
  return found
}

/** Whether two words are one insertion, deletion or substitution apart. */
function oneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b)
    return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i])
    i++
  if (a.length === b.length)
    return a.slice(i + 1) === b.slice(i + 1)
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** A Cyrillic word's Latin spellings: of the word and of its stems ("Мельника" → "melnyk"). */
function latinOf(own) {
  return [...new Set(own.flatMap(form => forms.latin(form)))].filter(form => !own.includes(form))
}

/** The documents a word matches: Map id → { score, forms (the index forms that matched) }. */
function matchWord(word, loaded) {
  const own = forms.forms(word)
  const latin = latinOf(own)
  const scores = new Map()
  const add = (doc, score, form, near) => {
    const entry = scores.get(doc) || { exact: 0, near: 0, forms: new Set() }
    if (near)
      entry.near = Math.max(entry.near, score)
    else
      entry.exact += score
    entry.forms.add(form)
    scores.set(doc, entry)
  }
  const exact = [...own.map(form => [form, 1]), ...latin.map(form => [form, TRANSLIT])]
  for (const [form, factor] of exact)
    for (const [doc, weight] of postings(loaded(form), form))
      add(doc, weight * factor, form, false)
  // Words it begins, and from FUZZY_FROM letters on words one typo away (as typed and
  // in Latin letters): only the best of them counts.
  const seen = new Set(exact.map(([form]) => form))
  const bases = [[own[0], 1, shardsFor(own[0], true)], ...latin.map(form => [form, TRANSLIT, [shardOf(form)]])]
  for (const [base, factor, numbers] of bases)
    for (const shard of new Set(numbers.map(n => loaded.shards[n])))
      for (const form of Object.keys(shard)) {
        if (seen.has(form))
          continue
        const near = form.startsWith(base) ? PREFIX
          : base.length >= FUZZY_FROM && oneEdit(base, form) ? FUZZY : 0
        if (near)
          for (const [doc, weight] of postings(shard, form))
            add(doc, weight * near * factor, form, true)
      }
  const result = new Map()
  for (const [doc, entry] of scores)
    result.set(doc, { score: entry.exact + entry.near, forms: entry.forms })
  return result
}

/** The pages that answer to every filter (page numbers), or null without filters. */
function filtered(filters, loaded, shift) {
  let pages = null
  for (const alternatives of filters) {
    const here = new Set()
    for (const filter of alternatives)
      for (const n of shardsFor(filter, true))
        for (const form of Object.keys(loaded.shards[n]))
          if (form.startsWith(filter))
            for (const doc of postings(loaded.shards[n], form).keys())
              here.add(doc >> shift)
    pages = pages === null ? here : new Set([...pages].filter(page => here.has(page)))
  }
  return pages
}

async function search(query) {
  if (!manifest || !query.trim())
    return { items: [] }
  loadForms()
  const { typed, filters } = parse(query)
  if (!typed.length && !filters.length)
    return { items: [] }
  const shift = manifest.shift
  // Every shard the query needs, fetched at once.
  const needed = new Set(filters.flat().flatMap(filter => shardsFor(filter, true)))
  for (const word of typed) {
    const own = forms.forms(word)
    for (const form of [...own, ...latinOf(own)])
      needed.add(shardOf(form))
    shardsFor(own[0], true).forEach(n => needed.add(n))
  }
  const shards = new Map(await Promise.all([...needed].map(async n => [n, await fetchJSON(`s/${n}.json`)])))
  const loaded = form => shards.get(shardOf(form)) || {}
  loaded.shards = Object.fromEntries(shards)

  const pages = filtered(filters, loaded, shift)
  const perWord = typed.map(word => matchWord(word, loaded))
  const docs = new Map() // id → { score, matched: [bool per word], forms }
  perWord.forEach((found, i) => {
    for (const [doc, { score, forms: matched }] of found) {
      if (pages !== null && !pages.has(doc >> shift))
        continue
      const entry = docs.get(doc) || { score: 0, matched: typed.map(() => false), forms: new Set() }
      entry.score += score
      entry.matched[i] = true
      matched.forEach(form => entry.forms.add(form))
      docs.set(doc, entry)
    }
  })
  if (!typed.length)
    for (const page of pages)
      docs.set(page << shift, { score: 1, matched: [], forms: new Set() })
  for (const entry of docs.values()) {
    const coverage = typed.length ? entry.matched.filter(Boolean).length / typed.length : 1
    entry.score *= coverage * coverage
  }
  return answer(typed, docs, shift)
}

/** The result groups of the best pages, with their records fetched. */
async function answer(typed, docs, shift) {
  const ranked = [...docs].sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
  const shown = []
  for (const [doc] of ranked) {
    const page = doc >> shift
    if (!shown.includes(page))
      shown.push(page)
    if (shown.length >= SHOWN_PAGES)
      break
  }
  const records = new Map(await Promise.all(shown.map(async page => [page, await fetchJSON(`p/${page}.json`)])))
  const key = typed.map(word => forms.plain(word))
  const formsTyped = typed.map(word => forms.forms(word))
  const entries = []
  for (const [doc, entry] of ranked) {
    const record = records.get(doc >> shift)
    const fields = record && record[doc & ((1 << shift) - 1)]
    if (!fields)
      continue
    const [location, title, text] = fields.map(unescapeHTML)
    const match = typed.length ? titleMatch(forms.words(title).map(word => forms.plain(word)), key) : 0
    const score = entry.score * [1, TITLE_START_BOOST, EXACT_TITLE_BOOST][match]
    entries.push({ page: doc >> shift, location, title, text, score, matched: entry.matched, hits: entry.forms })
  }
  entries.sort((a, b) => b.score - a.score)
  const groups = new Map()
  for (const entry of entries) {
    if (!groups.has(entry.page))
      groups.set(entry.page, [])
    groups.get(entry.page).push(result(entry, typed, formsTyped))
  }
  // Material shows every group under its page: add the page when only sections
  // matched, with their terms, so its link highlights them on the page too.
  for (const [page, items] of groups) {
    const [location, title] = records.get(page)[0].map(unescapeHTML)
    if (!items.some(item => item.location === location)) {
      const terms = {}
      for (const item of items)
        for (const [term, found] of Object.entries(item.terms))
          terms[term] = terms[term] || found
      items.push({ location, title: escapeHTML(title), text: "", score: 0, terms })
    }
  }
  const result_ = { items: [...groups.values()] }
  if (options.suggest)
    result_.suggest = suggest(typed, entries)
  return result_
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

/* --------------------------------------------------------------------------
 * Results as Material shows them
 * ----------------------------------------------------------------------- */

function result({ location, title, text, score, matched, hits }, typed, formsTyped) {
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
    location,
    title: mark(title, hits),
    text: text ? `<p>${snippet(text, hits)}</p>` : "",
    score,
    terms
  }
}

function isHit(word, hits) {
  const own = forms.forms(word)
  return own.some(form => hits.has(form)) || latinOf(own).some(form => hits.has(form))
}

/** ``text`` HTML-escaped, with every word that matched wrapped in <mark>. */
function mark(text, hits) {
  if (!hits.size)
    return escapeHTML(text)
  let out = ""
  let last = 0
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu)) {
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
  for (const match of hits.size ? text.matchAll(/[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu) : [])
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
function suggest(typed, entries) {
  if (!typed.length || !entries.length)
    return []
  const last = typed[typed.length - 1].toLowerCase()
  const word = forms.words(entries[0].title)
    .map(w => w.toLowerCase())
    .find(w => w.startsWith(last) && w !== last)
  return word ? [word] : []
}

/** The records hold HTML-escaped text: the plain text back. */
function unescapeHTML(text) {
  return text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_, name) => ({
    amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'"
  })[name])
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, ch => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch])
}

/* --------------------------------------------------------------------------
 * Messages: answered one at a time, in the order asked
 * ----------------------------------------------------------------------- */

let queue = Promise.resolve()

addEventListener("message", event => {
  const message = event.data
  switch (message.type) {
    case SETUP:
      manifest = (message.data.config && message.data.config.kamgen) || null
      options = message.data.options || {}
      postMessage({ type: READY })
      break
    case QUERY:
      queue = queue.then(() => search(message.data)).catch(err => {
        console.warn("kamgen search: cannot answer this query", err)
        return { items: [] }
      }).then(data => postMessage({ type: RESULT, data }))
      break
  }
})
