/**
 * Attributes of the DICOM Basic Application Level Confidentiality Profile, PS3.15 Annex E, Table E.1-1
 * ("Application Level Confidentiality Profile Attributes"), as data: tag, name (PS3.6), VR, the profile's
 * action code and an OsteoPlan category used to group findings for the user.
 *
 * Action codes (PS3.15 §E.3.1): X remove; Z replace with a zero-length value; D replace with a dummy value;
 * combinations ("X/Z", "X/Z/D") leave the choice to the IOD's type. UID attributes (action U) are not
 * listed: OsteoPlan keeps UIDs so that slices still group into series (see scrubPhi.ts). Private
 * attributes, curves (50xx) and overlay data/comments (60xx,3000/4000) are handled by rules in
 * `phiRuleFor`, not rows. The selection covers the rows that occur in CT, MR, PET, SEG and SR headers;
 * RT-treatment-record-only and specimen-only rows are omitted.
 */

/** How a finding is grouped for the user. */
export type PhiCategory =
  | 'patient'
  | 'date'
  | 'staff'
  | 'institution'
  | 'device'
  | 'request'
  | 'description'
  | 'trial'
  | 'other'
  | 'private'

/** One row of the profile table. */
export interface PhiAttribute {
  /** (group << 16 | element). */
  readonly tag: number
  /** Attribute name as in PS3.6. */
  readonly name: string
  readonly vr: string
  /** Action code from Table E.1-1. */
  readonly profileAction: string
  readonly category: PhiCategory
}

type Row = readonly [string, string, string, string, PhiCategory]

// prettier-ignore
const rows: readonly Row[] = [
  // Patient identity and characteristics
  ['00100010', "Patient's Name", 'PN', 'Z', 'patient'],
  ['00100020', 'Patient ID', 'LO', 'Z', 'patient'],
  ['00100021', 'Issuer of Patient ID', 'LO', 'X', 'patient'],
  ['00100030', "Patient's Birth Date", 'DA', 'Z', 'patient'],
  ['00100032', "Patient's Birth Time", 'TM', 'X', 'patient'],
  ['00100040', "Patient's Sex", 'CS', 'Z', 'patient'],
  ['00100050', "Patient's Insurance Plan Code Sequence", 'SQ', 'X', 'patient'],
  ['00100101', "Patient's Primary Language Code Sequence", 'SQ', 'X', 'patient'],
  ['00100102', "Patient's Primary Language Modifier Code Sequence", 'SQ', 'X', 'patient'],
  ['00101000', 'Other Patient IDs', 'LO', 'X', 'patient'],
  ['00101001', 'Other Patient Names', 'PN', 'X', 'patient'],
  ['00101002', 'Other Patient IDs Sequence', 'SQ', 'X', 'patient'],
  ['00101005', "Patient's Birth Name", 'PN', 'X', 'patient'],
  ['00101010', "Patient's Age", 'AS', 'X', 'patient'],
  ['00101020', "Patient's Size", 'DS', 'X', 'patient'],
  ['00101030', "Patient's Weight", 'DS', 'X', 'patient'],
  ['00101040', "Patient's Address", 'LO', 'X', 'patient'],
  ['00101050', 'Insurance Plan Identification', 'LO', 'X', 'patient'],
  ['00101060', "Patient's Mother's Birth Name", 'PN', 'X', 'patient'],
  ['00101080', 'Military Rank', 'LO', 'X', 'patient'],
  ['00101081', 'Branch of Service', 'LO', 'X', 'patient'],
  ['00101090', 'Medical Record Locator', 'LO', 'X', 'patient'],
  ['00101100', 'Referenced Patient Photo Sequence', 'SQ', 'X', 'patient'],
  ['00102000', 'Medical Alerts', 'LO', 'X', 'patient'],
  ['00102110', 'Allergies', 'LO', 'X', 'patient'],
  ['00102150', 'Country of Residence', 'LO', 'X', 'patient'],
  ['00102152', 'Region of Residence', 'LO', 'X', 'patient'],
  ['00102154', "Patient's Telephone Numbers", 'SH', 'X', 'patient'],
  ['00102155', "Patient's Telecom Information", 'LT', 'X', 'patient'],
  ['00102160', 'Ethnic Group', 'SH', 'X', 'patient'],
  ['00102180', 'Occupation', 'SH', 'X', 'patient'],
  ['001021a0', 'Smoking Status', 'CS', 'X', 'patient'],
  ['001021b0', 'Additional Patient History', 'LT', 'X', 'patient'],
  ['001021c0', 'Pregnancy Status', 'US', 'X', 'patient'],
  ['001021d0', 'Last Menstrual Date', 'DA', 'X', 'patient'],
  ['001021f0', "Patient's Religious Preference", 'LO', 'X', 'patient'],
  ['00102203', "Patient's Sex Neutered", 'CS', 'X/Z', 'patient'],
  ['00102297', 'Responsible Person', 'PN', 'X', 'patient'],
  ['00102299', 'Responsible Organization', 'LO', 'X', 'patient'],
  ['00104000', 'Patient Comments', 'LT', 'X', 'patient'],
  ['00380004', 'Referenced Patient Alias Sequence', 'SQ', 'X', 'patient'],
  ['00380010', 'Admission ID', 'LO', 'X', 'patient'],
  ['00380011', 'Issuer of Admission ID', 'LO', 'X', 'patient'],
  ['00380014', 'Issuer of Admission ID Sequence', 'SQ', 'X', 'patient'],
  ['00380050', 'Special Needs', 'LO', 'X', 'patient'],
  ['00380060', 'Service Episode ID', 'LO', 'X', 'patient'],
  ['00380061', 'Issuer of Service Episode ID', 'LO', 'X', 'patient'],
  ['00380062', 'Service Episode Description', 'LO', 'X', 'patient'],
  ['00380300', 'Current Patient Location', 'LO', 'X', 'patient'],
  ['00380400', "Patient's Institution Residence", 'LO', 'X', 'patient'],
  ['00380500', 'Patient State', 'LO', 'X', 'patient'],
  ['00384000', 'Visit Comments', 'LT', 'X', 'patient'],
  ['00401004', 'Patient Transport Arrangements', 'LO', 'X', 'patient'],
  ['00081120', 'Referenced Patient Sequence', 'SQ', 'X', 'patient'],
  // Dates and times
  ['00080012', 'Instance Creation Date', 'DA', 'X/D', 'date'],
  ['00080013', 'Instance Creation Time', 'TM', 'X/Z/D', 'date'],
  ['00080015', 'Instance Coercion DateTime', 'DT', 'X', 'date'],
  ['00080020', 'Study Date', 'DA', 'Z', 'date'],
  ['00080021', 'Series Date', 'DA', 'X/D', 'date'],
  ['00080022', 'Acquisition Date', 'DA', 'X/Z', 'date'],
  ['00080023', 'Content Date', 'DA', 'Z/D', 'date'],
  ['00080024', 'Overlay Date', 'DA', 'X', 'date'],
  ['00080025', 'Curve Date', 'DA', 'X', 'date'],
  ['0008002a', 'Acquisition DateTime', 'DT', 'X/Z/D', 'date'],
  ['00080030', 'Study Time', 'TM', 'Z', 'date'],
  ['00080031', 'Series Time', 'TM', 'X/D', 'date'],
  ['00080032', 'Acquisition Time', 'TM', 'X/Z', 'date'],
  ['00080033', 'Content Time', 'TM', 'Z/D', 'date'],
  ['00080034', 'Overlay Time', 'TM', 'X', 'date'],
  ['00080035', 'Curve Time', 'TM', 'X', 'date'],
  ['00080201', 'Timezone Offset From UTC', 'SH', 'X', 'date'],
  ['00181012', 'Date of Secondary Capture', 'DA', 'X', 'date'],
  ['00181014', 'Time of Secondary Capture', 'TM', 'X', 'date'],
  ['00181042', 'Contrast/Bolus Start Time', 'TM', 'X', 'date'],
  ['00181043', 'Contrast/Bolus Stop Time', 'TM', 'X', 'date'],
  ['00181072', 'Radiopharmaceutical Start Time', 'TM', 'X', 'date'],
  ['00181073', 'Radiopharmaceutical Stop Time', 'TM', 'X', 'date'],
  ['00181078', 'Radiopharmaceutical Start DateTime', 'DT', 'X', 'date'],
  ['00181079', 'Radiopharmaceutical Stop DateTime', 'DT', 'X', 'date'],
  ['00189074', 'Frame Acquisition DateTime', 'DT', 'D', 'date'],
  ['00189151', 'Frame Reference DateTime', 'DT', 'D', 'date'],
  ['00189516', 'Start Acquisition DateTime', 'DT', 'X/D', 'date'],
  ['00189517', 'End Acquisition DateTime', 'DT', 'X/D', 'date'],
  ['00203403', 'Modified Image Date', 'DA', 'X', 'date'],
  ['00203405', 'Modified Image Time', 'TM', 'X', 'date'],
  ['00320032', 'Study Verified Date', 'DA', 'X', 'date'],
  ['00320033', 'Study Verified Time', 'TM', 'X', 'date'],
  ['00320034', 'Study Read Date', 'DA', 'X', 'date'],
  ['00320035', 'Study Read Time', 'TM', 'X', 'date'],
  ['00321000', 'Scheduled Study Start Date', 'DA', 'X', 'date'],
  ['00321001', 'Scheduled Study Start Time', 'TM', 'X', 'date'],
  ['00321010', 'Scheduled Study Stop Date', 'DA', 'X', 'date'],
  ['00321011', 'Scheduled Study Stop Time', 'TM', 'X', 'date'],
  ['00321040', 'Study Arrival Date', 'DA', 'X', 'date'],
  ['00321041', 'Study Arrival Time', 'TM', 'X', 'date'],
  ['00321050', 'Study Completion Date', 'DA', 'X', 'date'],
  ['00321051', 'Study Completion Time', 'TM', 'X', 'date'],
  ['00380020', 'Admitting Date', 'DA', 'X', 'date'],
  ['00380021', 'Admitting Time', 'TM', 'X', 'date'],
  ['00380030', 'Discharge Date', 'DA', 'X', 'date'],
  ['00380032', 'Discharge Time', 'TM', 'X', 'date'],
  ['00400002', 'Scheduled Procedure Step Start Date', 'DA', 'X', 'date'],
  ['00400003', 'Scheduled Procedure Step Start Time', 'TM', 'X', 'date'],
  ['00400004', 'Scheduled Procedure Step End Date', 'DA', 'X', 'date'],
  ['00400005', 'Scheduled Procedure Step End Time', 'TM', 'X', 'date'],
  ['00400244', 'Performed Procedure Step Start Date', 'DA', 'X', 'date'],
  ['00400245', 'Performed Procedure Step Start Time', 'TM', 'X', 'date'],
  ['00400250', 'Performed Procedure Step End Date', 'DA', 'X', 'date'],
  ['00400251', 'Performed Procedure Step End Time', 'TM', 'X', 'date'],
  ['00402004', 'Issue Date of Imaging Service Request', 'DA', 'X', 'date'],
  ['00402005', 'Issue Time of Imaging Service Request', 'TM', 'X', 'date'],
  ['0040a030', 'Verification DateTime', 'DT', 'D', 'date'],
  ['0040a032', 'Observation DateTime', 'DT', 'X/D', 'date'],
  ['0040a120', 'DateTime', 'DT', 'D', 'date'],
  ['0040a121', 'Date', 'DA', 'D', 'date'],
  ['0040a122', 'Time', 'TM', 'D', 'date'],
  ['00440010', 'Substance Administration DateTime', 'DT', 'X', 'date'],
  ['00700082', 'Presentation Creation Date', 'DA', 'X', 'date'],
  ['00700083', 'Presentation Creation Time', 'TM', 'X', 'date'],
  // Physicians, operators and other staff
  ['00080090', "Referring Physician's Name", 'PN', 'Z', 'staff'],
  ['00080092', "Referring Physician's Address", 'ST', 'X', 'staff'],
  ['00080094', "Referring Physician's Telephone Numbers", 'SH', 'X', 'staff'],
  ['00080096', 'Referring Physician Identification Sequence', 'SQ', 'X', 'staff'],
  ['0008009c', "Consulting Physician's Name", 'PN', 'Z', 'staff'],
  ['0008009d', 'Consulting Physician Identification Sequence', 'SQ', 'X', 'staff'],
  ['00081048', 'Physician(s) of Record', 'PN', 'X', 'staff'],
  ['00081049', 'Physician(s) of Record Identification Sequence', 'SQ', 'X', 'staff'],
  ['00081050', "Performing Physician's Name", 'PN', 'X', 'staff'],
  ['00081052', 'Performing Physician Identification Sequence', 'SQ', 'X', 'staff'],
  ['00081060', 'Name of Physician(s) Reading Study', 'PN', 'X', 'staff'],
  ['00081062', 'Physician(s) Reading Study Identification Sequence', 'SQ', 'X', 'staff'],
  ['00081070', "Operators' Name", 'PN', 'X/Z/D', 'staff'],
  ['00081072', 'Operator Identification Sequence', 'SQ', 'X/D', 'staff'],
  ['00321032', 'Requesting Physician', 'PN', 'X', 'staff'],
  ['00321033', 'Requesting Service', 'LO', 'X', 'staff'],
  ['00400006', "Scheduled Performing Physician's Name", 'PN', 'X', 'staff'],
  ['0040000b', 'Scheduled Performing Physician Identification Sequence', 'SQ', 'X', 'staff'],
  ['00401010', 'Names of Intended Recipients of Results', 'PN', 'X', 'staff'],
  ['00401011', 'Intended Recipients of Results Identification Sequence', 'SQ', 'X', 'staff'],
  ['00402008', 'Order Entered By', 'PN', 'X', 'staff'],
  ['00402009', "Order Enterer's Location", 'SH', 'X', 'staff'],
  ['00402010', 'Order Callback Phone Number', 'SH', 'X', 'staff'],
  ['00402011', 'Order Callback Telecom Information', 'LT', 'X', 'staff'],
  ['00404034', 'Scheduled Human Performers Sequence', 'SQ', 'X', 'staff'],
  ['00404035', 'Actual Human Performers Sequence', 'SQ', 'X', 'staff'],
  ['00404036', "Human Performer's Organization", 'LO', 'X', 'staff'],
  ['00404037', "Human Performer's Name", 'PN', 'X', 'staff'],
  ['00401101', 'Person Identification Code Sequence', 'SQ', 'D', 'staff'],
  ['00401102', "Person's Address", 'ST', 'X', 'staff'],
  ['00401103', "Person's Telephone Numbers", 'LO', 'X', 'staff'],
  ['00401104', "Person's Telecom Information", 'LT', 'X', 'staff'],
  ['0040a073', 'Verifying Observer Sequence', 'SQ', 'D', 'staff'],
  ['0040a075', 'Verifying Observer Name', 'PN', 'D', 'staff'],
  ['0040a078', 'Author Observer Sequence', 'SQ', 'X', 'staff'],
  ['0040a07a', 'Participant Sequence', 'SQ', 'X', 'staff'],
  ['0040a088', 'Verifying Observer Identification Code Sequence', 'SQ', 'Z', 'staff'],
  ['0040a123', 'Person Name', 'PN', 'D', 'staff'],
  ['00700084', "Content Creator's Name", 'PN', 'Z/D', 'staff'],
  ['00700086', "Content Creator's Identification Code Sequence", 'SQ', 'X', 'staff'],
  ['300e0008', 'Reviewer Name', 'PN', 'X/Z', 'staff'],
  // Institution and location
  ['00080080', 'Institution Name', 'LO', 'X/Z/D', 'institution'],
  ['00080081', 'Institution Address', 'ST', 'X', 'institution'],
  ['00080082', 'Institution Code Sequence', 'SQ', 'X/Z/D', 'institution'],
  ['00081040', 'Institutional Department Name', 'LO', 'X', 'institution'],
  ['00081041', 'Institutional Department Type Code Sequence', 'SQ', 'X', 'institution'],
  ['0040a027', 'Verifying Organization', 'LO', 'D', 'institution'],
  ['0040a07c', 'Custodial Organization Sequence', 'SQ', 'X', 'institution'],
  ['00400011', 'Scheduled Procedure Step Location', 'SH', 'X', 'institution'],
  ['00400243', 'Performed Location', 'SH', 'X', 'institution'],
  ['00401005', 'Requested Procedure Location', 'LO', 'X', 'institution'],
  ['00321020', 'Scheduled Study Location', 'LO', 'X', 'institution'],
  ['00321021', 'Scheduled Study Location AE Title', 'AE', 'X', 'institution'],
  ['00404030', 'Performed Station Geographic Location Code Sequence', 'SQ', 'X', 'institution'],
  ['00404027', 'Scheduled Station Geographic Location Code Sequence', 'SQ', 'X', 'institution'],
  // Devices and network identities
  ['00080054', 'Retrieve AE Title', 'AE', 'X', 'device'],
  ['00080055', 'Station AE Title', 'AE', 'X', 'device'],
  ['00081010', 'Station Name', 'SH', 'X/Z/D', 'device'],
  ['00181000', 'Device Serial Number', 'LO', 'X/Z/D', 'device'],
  ['00181004', 'Plate ID', 'LO', 'X', 'device'],
  ['00181005', 'Generator ID', 'LO', 'X', 'device'],
  ['00181007', 'Cassette ID', 'LO', 'X', 'device'],
  ['00181008', 'Gantry ID', 'LO', 'X', 'device'],
  ['00181009', 'Unique Device Identifier', 'UT', 'X', 'device'],
  ['0018100a', 'UDI Sequence', 'SQ', 'X', 'device'],
  ['00181200', 'Date of Last Calibration', 'DA', 'X', 'device'],
  ['00181201', 'Time of Last Calibration', 'TM', 'X', 'device'],
  ['00181202', 'DateTime of Last Calibration', 'DT', 'X', 'device'],
  ['00181204', 'Date of Manufacture', 'DA', 'X', 'device'],
  ['00181205', 'Date of Installation', 'DA', 'X', 'device'],
  ['0018700a', 'Detector ID', 'SH', 'X/D', 'device'],
  ['0018700c', 'Date of Last Detector Calibration', 'DA', 'X/D', 'device'],
  ['0018700e', 'Time of Last Detector Calibration', 'TM', 'X/D', 'device'],
  ['00189367', 'X-Ray Source ID', 'UC', 'D', 'device'],
  ['00189371', 'X-Ray Detector ID', 'UC', 'D', 'device'],
  ['00189373', 'X-Ray Detector Label', 'ST', 'X', 'device'],
  ['00400001', 'Scheduled Station AE Title', 'AE', 'X', 'device'],
  ['00400010', 'Scheduled Station Name', 'SH', 'X', 'device'],
  ['00400241', 'Performed Station AE Title', 'AE', 'X', 'device'],
  ['00400242', 'Performed Station Name', 'SH', 'X', 'device'],
  ['00404025', 'Scheduled Station Name Code Sequence', 'SQ', 'X', 'device'],
  ['00404028', 'Performed Station Name Code Sequence', 'SQ', 'X', 'device'],
  ['00500020', 'Device Description', 'LO', 'X', 'device'],
  ['00500021', 'Long Device Description', 'ST', 'X', 'device'],
  ['00741234', 'Receiving AE', 'AE', 'X', 'device'],
  ['00741236', 'Requesting AE', 'AE', 'X', 'device'],
  ['21000140', 'Destination AE', 'AE', 'D', 'device'],
  // Orders, requests and procedure steps
  ['00080050', 'Accession Number', 'SH', 'Z', 'request'],
  ['00081080', 'Admitting Diagnoses Description', 'LO', 'X', 'request'],
  ['00081084', 'Admitting Diagnoses Code Sequence', 'SQ', 'X', 'request'],
  ['00081110', 'Referenced Study Sequence', 'SQ', 'X/Z', 'request'],
  ['00081111', 'Referenced Performed Procedure Step Sequence', 'SQ', 'X/Z/D', 'request'],
  ['00200010', 'Study ID', 'SH', 'Z', 'request'],
  ['00320012', 'Study ID Issuer', 'LO', 'X', 'request'],
  ['00321030', 'Reason for Study', 'LO', 'X', 'request'],
  ['00321066', 'Reason for Visit', 'UT', 'X', 'request'],
  ['00321067', 'Reason for Visit Code Sequence', 'SQ', 'X', 'request'],
  ['00321070', 'Requested Contrast Agent', 'LO', 'X', 'request'],
  ['00324000', 'Study Comments', 'LT', 'X', 'request'],
  ['00400009', 'Scheduled Procedure Step ID', 'SH', 'X', 'request'],
  ['00400253', 'Performed Procedure Step ID', 'SH', 'X', 'request'],
  ['00400275', 'Request Attributes Sequence', 'SQ', 'X', 'request'],
  ['00400280', 'Comments on the Performed Procedure Step', 'ST', 'X', 'request'],
  ['00400555', 'Acquisition Context Sequence', 'SQ', 'X/Z', 'request'],
  ['00401001', 'Requested Procedure ID', 'SH', 'X', 'request'],
  ['00401002', 'Reason for the Requested Procedure', 'LO', 'X', 'request'],
  ['0040100a', 'Reason for Requested Procedure Code Sequence', 'SQ', 'X', 'request'],
  ['00401400', 'Requested Procedure Comments', 'LT', 'X', 'request'],
  ['00402001', 'Reason for the Imaging Service Request', 'LO', 'X', 'request'],
  ['00402016', 'Placer Order Number / Imaging Service Request', 'LO', 'Z', 'request'],
  ['00402017', 'Filler Order Number / Imaging Service Request', 'LO', 'Z', 'request'],
  ['00402400', 'Imaging Service Request Comments', 'LT', 'X', 'request'],
  ['00400310', 'Comments on Radiation Dose', 'ST', 'X', 'request'],
  // Free-text descriptions that may carry identifying text
  ['00081030', 'Study Description', 'LO', 'X', 'description'],
  ['0008103e', 'Series Description', 'LO', 'X', 'description'],
  ['00082111', 'Derivation Description', 'ST', 'X', 'description'],
  ['00084000', 'Identifying Comments', 'LT', 'X', 'description'],
  ['00181030', 'Protocol Name', 'LO', 'X/D', 'description'],
  ['00181400', 'Acquisition Device Processing Description', 'LO', 'X/D', 'description'],
  ['00184000', 'Acquisition Comments', 'LT', 'X', 'description'],
  ['00189424', 'Acquisition Protocol Description', 'LT', 'X', 'description'],
  ['00189937', 'Requested Series Description', 'LO', 'X', 'description'],
  ['00204000', 'Image Comments', 'LT', 'X', 'description'],
  ['00209158', 'Frame Comments', 'LT', 'X', 'description'],
  ['00284000', 'Image Presentation Comments', 'LT', 'X', 'description'],
  ['00321060', 'Requested Procedure Description', 'LO', 'X/Z', 'description'],
  ['00400007', 'Scheduled Procedure Step Description', 'LO', 'X', 'description'],
  ['00400254', 'Performed Procedure Step Description', 'LO', 'X', 'description'],
  ['40000010', 'Arbitrary', 'LT', 'X', 'description'],
  ['40004000', 'Text Comments', 'LT', 'X', 'description'],
  // Clinical trials
  ['00120010', 'Clinical Trial Sponsor Name', 'LO', 'D', 'trial'],
  ['00120020', 'Clinical Trial Protocol ID', 'LO', 'D', 'trial'],
  ['00120021', 'Clinical Trial Protocol Name', 'LO', 'Z', 'trial'],
  ['00120030', 'Clinical Trial Site ID', 'LO', 'Z', 'trial'],
  ['00120031', 'Clinical Trial Site Name', 'LO', 'Z', 'trial'],
  ['00120040', 'Clinical Trial Subject ID', 'LO', 'D', 'trial'],
  ['00120042', 'Clinical Trial Subject Reading ID', 'LO', 'D', 'trial'],
  ['00120050', 'Clinical Trial Time Point ID', 'LO', 'Z', 'trial'],
  ['00120051', 'Clinical Trial Time Point Description', 'ST', 'X', 'trial'],
  ['00120060', 'Clinical Trial Coordinating Center Name', 'LO', 'Z', 'trial'],
  ['00120071', 'Clinical Trial Series ID', 'LO', 'X', 'trial'],
  ['00120072', 'Clinical Trial Series Description', 'LO', 'X', 'trial'],
  ['00120081', 'Clinical Trial Protocol Ethics Committee Name', 'LO', 'D', 'trial'],
  ['00120082', 'Clinical Trial Protocol Ethics Committee Approval Number', 'LO', 'X', 'trial'],
  // Other containers of identifying data
  ['00880200', 'Icon Image Sequence', 'SQ', 'X', 'other'],
  ['0040a730', 'Content Sequence', 'SQ', 'D', 'other'],
  ['04000550', 'Modified Attributes Sequence', 'SQ', 'X', 'other'],
  ['04000561', 'Original Attributes Sequence', 'SQ', 'X', 'other'],
  ['22000002', 'Label Text', 'UT', 'X/Z', 'other'],
  ['22000005', 'Barcode Value', 'LT', 'X/Z', 'other'],
  ['fffafffa', 'Digital Signatures Sequence', 'SQ', 'X', 'other'],
  ['fffcfffc', 'Data Set Trailing Padding', 'OB', 'X', 'other'],
]

/** The profile rows, parsed. */
export const PHI_ATTRIBUTES: readonly PhiAttribute[] = rows.map(
  ([tag, name, vr, profileAction, category]) => ({
    tag: parseInt(tag, 16) >>> 0,
    name,
    vr,
    profileAction,
    category,
  }),
)

const byTag = new Map(PHI_ATTRIBUTES.map((a) => [a.tag, a]))

/** What scrubPhi does with an attribute. */
export type PhiAction = 'remove' | 'empty'

/** A rule hit: the row (or a synthetic row for rule-based attributes) and the action applied. */
export interface PhiRule {
  readonly attribute: PhiAttribute
  readonly action: PhiAction
}

/**
 * The rule for a tag, or `null` when the tag is not in the profile. Action applied: the first code of the
 * row, with D applied as removal. So Z and Z/D → `empty` (the attribute stays, zero length: valid for the
 * type-2 attributes these are), X, X/Z, X/D, X/Z/D and D → `remove`. OsteoPlan de-identifies images for
 * display; it does not need the dummy values that keep SRs or RT objects conformant.
 */
export function phiRuleFor(tag: number): PhiRule | null {
  const row = byTag.get(tag)
  if (row) return { attribute: row, action: row.profileAction.startsWith('Z') ? 'empty' : 'remove' }
  const group = tag >>> 16
  const element = tag & 0xffff
  if (group & 1) return group > 0x0008 ? synthetic(tag, 'Private attribute', 'UN', 'private') : null
  if ((group & 0xff00) === 0x5000) return synthetic(tag, 'Curve Data', 'OB', 'other')
  if ((group & 0xff00) === 0x6000 && (element === 0x3000 || element === 0x4000)) {
    return synthetic(tag, element === 0x3000 ? 'Overlay Data' : 'Overlay Comments', 'OB', 'other')
  }
  return null
}

/** A removal rule for a tag matched by pattern rather than by a row of the table. */
function synthetic(tag: number, name: string, vr: string, category: PhiCategory): PhiRule {
  return { attribute: { tag, name, vr, profileAction: 'X', category }, action: 'remove' }
}

/** `(gggg,eeee)` notation of a tag. */
export const formatTag = (tag: number): string =>
  `(${(tag >>> 16).toString(16).padStart(4, '0')},${(tag & 0xffff).toString(16).padStart(4, '0')})`.toUpperCase()
