/** How OsteoPlan identifies itself in the file meta group of files it writes (PS3.7 §D.3.3.2). */
import { deterministicUid } from './deterministicUid'

/** Implementation Class UID of OsteoPlan-written files. */
export const OSTEOPLAN_IMPLEMENTATION_CLASS_UID = deterministicUid('OsteoPlan', 'implementation', 1)
/** Implementation Version Name (SH, ≤ 16 characters). */
export const OSTEOPLAN_IMPLEMENTATION_VERSION = 'OSTEOPLAN_0_1'
