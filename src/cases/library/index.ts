/** The built-in case library: the only import surface of src/cases/library. */
export type { CaseDefinition, Intent, PatientSummary, Technique } from './caseDefinition'
export {
  CASE_CACHE_SIZE,
  DEFAULT_CASE_ID,
  clearCaseCache,
  generateCase,
  getCase,
  listCases,
} from './caseLibrary'
export { CASES } from './cases'
