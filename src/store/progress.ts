/**
 * The trainee's progress (attempts and scores per guided case), kept in the browser's IndexedDB and
 * nowhere else. Storage sits behind a tiny adapter so the logic runs on an in-memory store in tests
 * (jsdom and Node have no IndexedDB) and in browsers where IndexedDB is blocked.
 */
import { z } from 'zod'
import type { AttemptRecord } from '../cases/guided'

/** Version of the progress record (bumped with a migration if its shape changes). */
export const PROGRESS_VERSION = 1

/** Everything kept: finished attempts per case id, oldest first. */
export interface ProgressData {
  readonly version: typeof PROGRESS_VERSION
  readonly cases: Readonly<Record<string, readonly AttemptRecord[]>>
}

/** Where progress is kept. */
export interface ProgressStorage {
  /** Where, in words (shown beside the export button). */
  readonly kind: 'indexedDB' | 'memory'
  load(): Promise<ProgressData>
  save(data: ProgressData): Promise<void>
}

/** No attempts yet. */
export const emptyProgress = (): ProgressData => ({ version: PROGRESS_VERSION, cases: {} })

const AttemptSchema = z.strictObject({
  attempt: z.number().int().min(1),
  score: z.number().min(0),
  max: z.number().min(0),
  mistakes: z.array(z.string().max(100)).max(100),
  failedItems: z.array(z.string().max(100)).max(100),
  stabilityCorrect: z.boolean(),
  techniquesCorrect: z.boolean(),
  finishedAt: z.string().max(40),
  planJson: z.string().max(2_000_000),
})

const ProgressSchema = z.strictObject({
  version: z.literal(PROGRESS_VERSION),
  cases: z.record(z.string().max(100), z.array(AttemptSchema).max(10_000)),
})

/** Validates stored or imported progress; anything malformed is reported, never trusted. */
export function parseProgress(
  raw: unknown,
): { ok: true; data: ProgressData } | { ok: false; error: string } {
  const r = ProgressSchema.safeParse(raw)
  if (r.success) return { ok: true, data: r.data }
  return {
    ok: false,
    error: r.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || 'progress'}: ${i.message}`)
      .join('; '),
  }
}

/** Adds a finished attempt (replacing one with the same attempt number, so a re-save is idempotent). */
export function addAttempt(data: ProgressData, caseId: string, rec: AttemptRecord): ProgressData {
  const old = data.cases[caseId] ?? []
  const kept = old.filter((a) => a.attempt !== rec.attempt)
  const attempts = [...kept, rec].sort((a, b) => a.attempt - b.attempt)
  return { ...data, cases: { ...data.cases, [caseId]: attempts } }
}

/** One case's summary. */
export interface CaseProgress {
  readonly caseId: string
  readonly attempts: number
  /** Best score as a fraction of the maximum (0–1). */
  readonly best: number
  /** Latest score as a fraction of the maximum (0–1). */
  readonly latest: number
}

/** Per-case summary, in case-id order. */
export function summariseProgress(data: ProgressData): CaseProgress[] {
  const frac = (a: AttemptRecord) => (a.max > 0 ? a.score / a.max : 0)
  return Object.keys(data.cases)
    .sort()
    .flatMap((caseId) => {
      const list = data.cases[caseId] ?? []
      const last = list.at(-1)
      if (!last) return []
      return [
        {
          caseId,
          attempts: list.length,
          best: Math.max(...list.map(frac)),
          latest: frac(last),
        },
      ]
    })
}

/** The export file's text: the progress plus when it was exported (nothing identifies the trainee). */
export function progressToJson(data: ProgressData, exportedAt: string): string {
  return JSON.stringify(
    {
      kind: 'osteoplan-progress',
      exportedAt,
      note: 'Teaching progress from OsteoPlan (not for clinical use). Kept only in this browser.',
      ...data,
    },
    null,
    2,
  )
}

/** Reads an exported progress file's text back. */
export function progressFromJson(
  text: string,
): { ok: true; data: ProgressData } | { ok: false; error: string } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { ok: false, error: 'The file is not JSON.' }
  }
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, error: 'The file is not a progress export.' }
  }
  const { version, cases } = raw as { version?: unknown; cases?: unknown }
  return parseProgress({ version, cases })
}

/** Progress in memory only (tests; browsers without IndexedDB). Holds a deep copy. */
export function memoryProgressStorage(initial: ProgressData = emptyProgress()): ProgressStorage {
  let stored = JSON.stringify(initial)
  return {
    kind: 'memory',
    load: () => {
      const parsed = parseProgress(JSON.parse(stored))
      return Promise.resolve(parsed.ok ? parsed.data : emptyProgress())
    },
    save: (data) => {
      stored = JSON.stringify(data)
      return Promise.resolve()
    },
  }
}

const DB_NAME = 'osteoplan'
const STORE = 'progress'
const KEY = 'all'

function openDb(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(DB_NAME, 1)
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE)
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened.'))
  })
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed.'))
  })
}

/** Progress in IndexedDB (one record holding every case). Malformed stored data loads as empty. */
export function indexedDbProgressStorage(factory: IDBFactory): ProgressStorage {
  return {
    kind: 'indexedDB',
    async load() {
      const db = await openDb(factory)
      try {
        const raw: unknown = await request(
          db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY),
        )
        if (raw === undefined) return emptyProgress()
        const parsed = parseProgress(raw)
        return parsed.ok ? parsed.data : emptyProgress()
      } finally {
        db.close()
      }
    },
    async save(data) {
      const db = await openDb(factory)
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(data, KEY))
      } finally {
        db.close()
      }
    },
  }
}

let current: ProgressStorage | null = null

/** The storage in use: IndexedDB when the environment has it, else memory. */
export function progressStorage(): ProgressStorage {
  current ??=
    typeof indexedDB !== 'undefined' ? indexedDbProgressStorage(indexedDB) : memoryProgressStorage()
  return current
}

/** Replaces the storage (tests); null chooses again from the environment on next use. */
export function setProgressStorage(s: ProgressStorage | null): void {
  current = s
}
