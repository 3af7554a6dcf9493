// The search worker's word forms (forms.mjs, with the Snowball and Ukrainian
// stemmers it uses) as one classic script: the worker loads it with
// importScripts() on the first query, and tests run it in node.
import { forms, latin, plain, words, isCyrillic } from "./forms.mjs"

self.KamgenForms = { forms, latin, plain, words, isCyrillic }
