import { describe, expect, it } from 'vitest'
import {
  DicomWebError,
  describeDicomWebError,
  normaliseDicomWebUrl,
  seriesFromQido,
} from '../../src/store/dicomweb'

/** What dicomweb-client rejects with: an Error carrying the XHR status (0 = network/CORS failure). */
const httpError = (status: number) => Object.assign(new Error('request failed'), { status })

describe('normaliseDicomWebUrl', () => {
  it('trims and drops trailing slashes', () => {
    expect(normaliseDicomWebUrl('  http://host:8042/dicom-web//  ')).toBe(
      'http://host:8042/dicom-web',
    )
  })
  it('refuses text that is not an http(s) URL, with a readable message', () => {
    expect(() => normaliseDicomWebUrl('not a url')).toThrow(DicomWebError)
    expect(() => normaliseDicomWebUrl('not a url')).toThrow(/is not a URL/)
    expect(() => normaliseDicomWebUrl('ftp://host/dicom-web')).toThrow(/http:\/\/ or https:\/\//)
  })
})

describe('describeDicomWebError', () => {
  const url = 'http://h/dicom-web'
  it('gives a specific message for each failure class', () => {
    expect(describeDicomWebError(httpError(0), url, 'the study list')).toMatch(
      /Could not reach .*http:\/\/h\/dicom-web.*CORS/,
    )
    expect(describeDicomWebError(httpError(404), url, 'x')).toMatch(/404 Not Found.*DICOMweb root/)
    expect(describeDicomWebError(httpError(401), url, 'x')).toMatch(/refused access \(401\)/)
    expect(describeDicomWebError(httpError(500), url, 'x')).toMatch(/answered HTTP 500/)
    expect(describeDicomWebError(new Error('boom'), url, 'x')).toMatch(/failed: boom/)
  })
  it('passes an already readable DicomWebError through unchanged', () => {
    expect(describeDicomWebError(new DicomWebError('ready text'), url, 'x')).toBe('ready text')
  })
})

describe('seriesFromQido', () => {
  it('reads the listing attributes from DICOM JSON and nothing else', () => {
    const row = seriesFromQido(
      {
        '0020000D': { Value: ['1.2.3'] },
        '0020000E': { Value: ['1.2.3.4'] },
        '0008103E': { Value: ['Bone 1mm '] },
        '00080060': { Value: ['CT'] },
        '00200011': { Value: [3] },
        '00201209': { Value: ['211'] },
        '00100010': { Value: [{ Alphabetic: 'DOE^JANE' }] },
      },
      'Pelvis',
    )
    expect(row).toEqual({
      studyUid: '1.2.3',
      seriesUid: '1.2.3.4',
      studyDescription: 'Pelvis',
      description: 'Bone 1mm',
      modality: 'CT',
      seriesNumber: 3,
      instanceCount: 211,
    })
  })
  it('tolerates missing optional attributes and rejects rows without UIDs', () => {
    const row = seriesFromQido({ '0020000D': { Value: ['1'] }, '0020000E': { Value: ['2'] } }, '')
    expect(row?.instanceCount).toBeNull()
    expect(row?.seriesNumber).toBeNull()
    expect(row?.description).toBe('')
    expect(seriesFromQido({ '0020000E': { Value: ['2'] } }, '')).toBeNull()
  })
})
