import { describe, expect, it } from 'vitest'
import { directionLetter, edgeLetters } from '../../src/imaging/orientation'

describe('orientation letters', () => {
  it('labels LPS directions', () => {
    expect([directionLetter([1, 0, 0]), directionLetter([-1, 0, 0])]).toEqual(['L', 'R'])
    expect([directionLetter([0, 0.9, 0.1]), directionLetter([0, -1, 0])]).toEqual(['P', 'A'])
    expect([directionLetter([0, 0, 1]), directionLetter([0.2, 0, -0.8])]).toEqual(['S', 'I'])
  })
  it('gives the radiological convention for Cornerstone axial, sagittal and coronal cameras', () => {
    expect(edgeLetters([0, -1, 0], [0, 0, -1])).toEqual({
      top: 'A',
      bottom: 'P',
      left: 'R',
      right: 'L',
    })
    expect(edgeLetters([0, 0, 1], [1, 0, 0])).toEqual({
      top: 'S',
      bottom: 'I',
      left: 'A',
      right: 'P',
    })
    expect(edgeLetters([0, 0, 1], [0, -1, 0])).toEqual({
      top: 'S',
      bottom: 'I',
      left: 'R',
      right: 'L',
    })
  })
})
