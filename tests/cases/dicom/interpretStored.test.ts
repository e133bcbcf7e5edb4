import { describe, expect, it } from 'vitest'
import { interpretStored } from '../../../src/cases/dicom/interpretStored'

describe('interpretStored', () => {
  it("reads out-of-range values of signed data as two's complement of BitsStored bits (PS3.5 8.1.1)", () => {
    // 16 bits: 63488 = 65536 − 2048. 13 bits (J2K_pixelrep_mismatch.dcm): 63536 & 0x1fff = 6192 = 8192 − 2000.
    expect(Array.from(interpretStored(Uint16Array.of(63488, 123), 16, 1))).toEqual([-2048, 123])
    expect(Array.from(interpretStored(Uint16Array.of(63536, 27), 13, 1))).toEqual([-2000, 27])
  })
  it('returns the same array when nothing is out of range, and never touches unsigned data', () => {
    const signed = Int16Array.of(-2048, 0, 1717)
    expect(interpretStored(signed, 16, 1)).toBe(signed)
    // Unsigned header over a signed codestream (TOSHIBA_J2K_SIZ1_PixRep0.dcm): the decoder's sign is kept.
    const unsignedHeader = Int16Array.of(-2048, 119)
    expect(interpretStored(unsignedHeader, 16, 0)).toBe(unsignedHeader)
  })
})
