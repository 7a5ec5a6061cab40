// The test reporter `npm test` uses (package.json "tap.reporter"): the raw TAP stream, unchanged,
// then a list of every failed assertion with its full name and diagnostics, and the slowest test
// files. CI keeps only the end of a long log, and in raw TAP a failure deep in a 15,000-line run
// is out of sight; tap's own summarising reporters redraw a progress display that floods a log
// without a terminal.
import { Transform } from 'node:stream'
import { Parser } from 'tap-parser'
import { stringify } from 'yaml'

const SLOWEST_FILES = 10
const MAX_DIAG_LINES = 40

export default class FailureSummary extends Transform {
  #parser = new Parser()
  #failures = []
  #files = []

  constructor() {
    super()
    const watch = (parser, depth) => {
      parser.on('assert', (result) => {
        if (depth === 0 && result.time !== null) this.#files.push(result)
        if (!result.ok && !result.todo && !result.skip) this.#failures.push(result)
      })
      parser.on('child', (child) => watch(child, depth + 1))
    }
    watch(this.#parser, 0)
  }

  _transform(chunk, _encoding, done) {
    this.#parser.write(chunk)
    done(null, chunk)
  }

  _flush(done) {
    this.#parser.end()
    done(null, [...this.#slowest(), ...this.#summary()].join('\n') + '\n')
  }

  #slowest() {
    const files = [...this.#files].sort((a, b) => b.time - a.time).slice(0, SLOWEST_FILES)
    return ['', '# Slowest test files:', ...files.map((r) => `#   ${(r.time / 1000).toFixed(1)} s  ${r.name}`)]
  }

  // A subtest fails when one of its assertions does; list only the assertions that failed
  // themselves, unless a subtest failed with nothing under it (a timeout or a crash).
  #summary() {
    const leaves = this.#failures.filter(
      (f) => !this.#failures.some((g) => g !== f && g.fullname.startsWith(f.fullname + ' > ')),
    )
    if (leaves.length === 0) return ['# No failed assertions.']
    const lines = ['', `# ${leaves.length} failed assertion(s):`]
    for (const f of leaves) {
      lines.push(`# not ok - ${f.fullname}`)
      if (f.diag) {
        const diag = stringify(f.diag).trimEnd().split('\n')
        for (const line of diag.slice(0, MAX_DIAG_LINES)) lines.push(`#     ${line}`)
        if (diag.length > MAX_DIAG_LINES) lines.push(`#     … ${diag.length - MAX_DIAG_LINES} more lines`)
      }
    }
    return lines
  }
}
