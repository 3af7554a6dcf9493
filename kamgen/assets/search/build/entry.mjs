// The third-party code the search worker needs, exposed as one global
// (self.KamgenSearchLibs) so the worker can load it with importScripts().
import MiniSearch from "minisearch"
import { stemmer as english } from "@orama/stemmers/english"
import { stemmer as russian } from "@orama/stemmers/russian"
import { stemmer as ukrainian } from "@orama/stemmers/ukrainian"

self.KamgenSearchLibs = { MiniSearch, stemmers: { english, russian, ukrainian } }
