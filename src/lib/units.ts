/**
 * Branded scalar units. A brand costs nothing at run time and makes mixing, say, millimetres and metres a
 * compile error. Brands use `unique symbol` so that two brands can never collide (STYLE.md 3.3).
 */
declare const mmBrand: unique symbol
declare const mBrand: unique symbol
declare const celsiusBrand: unique symbol
declare const secondsBrand: unique symbol
declare const huBrand: unique symbol

/** Length in millimetres (patient/imaging frame). */
export type Mm = number & { readonly [mmBrand]: true }
/** Length in metres (simulation frame, SI). */
export type M = number & { readonly [mBrand]: true }
/** Temperature in degrees Celsius. */
export type Celsius = number & { readonly [celsiusBrand]: true }
/** Time in seconds. */
export type Seconds = number & { readonly [secondsBrand]: true }
/** CT number in Hounsfield units. */
export type Hu = number & { readonly [huBrand]: true }

/** Brands a number as millimetres. */
export const mm = (v: number): Mm => v as Mm
/** Brands a number as metres. */
export const m = (v: number): M => v as M
/** Converts millimetres to metres: the one place where the imaging unit becomes the SI unit. */
export const mmToM = (v: Mm): M => (v / 1000) as M
/** Converts metres to millimetres. */
export const mToMm = (v: M): Mm => (v * 1000) as Mm
