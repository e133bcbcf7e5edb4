/** Throws when `cond` is false; narrows for the type checker. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message)
}

/** Ends an exhaustive switch: a compile error if a union member is unhandled, a throw if reached. */
export function exhaustive(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`)
}
