/**
 * The bench page: the renderer's real cache and search code, driven by bench/run.ts through
 * window.bench. Built by Vite into out/bench, never part of the app bundle.
 */
import type { BenchApi } from './api'
import { coldStart, startColdStartFromAddress } from './cold-start'
import { create } from './create'
import { applyPages, engineDownload, rawBulkPut } from './download'
import { flush } from './flush'
import './long-tasks'
import { searchTiming, typing, verify } from './search-bench'

startColdStartFromAddress()

const bench: BenchApi = {
  applyPages,
  engineDownload,
  rawBulkPut,
  verify,
  create,
  flush,
  coldStart,
  searchTiming,
  typing,
}

declare global {
  interface Window {
    bench: BenchApi
  }
}

window.bench = bench
