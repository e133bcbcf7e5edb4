/**
 * Case packages opened in this session (src/cases/package), by case id `package:<id>`. They live in
 * memory only: nothing leaves the browser; reopening the page needs the file again.
 */
import type { CasePackage } from '../cases/package'

const packages = new Map<string, CasePackage>()

/** The case id of a package. */
export const packageCaseId = (pkg: CasePackage): string => `package:${pkg.manifest.id}`

/** True for case ids of packages. */
export const isPackageCaseId = (caseId: string): boolean => caseId.startsWith('package:')

export function putPackage(pkg: CasePackage): string {
  const id = packageCaseId(pkg)
  packages.set(id, pkg)
  return id
}

export const getPackage = (caseId: string): CasePackage | undefined => packages.get(caseId)

export const listPackages = (): readonly CasePackage[] => [...packages.values()]
