import type { ValueMap } from '../../valuemaps/ValueMap';

/**
 * HL7 table 0074 diagnostic service section (OBR-24) → DiagnosticReport.category (IG vocabulary map
 * DiagnosticServiceSectionID, for the OBR[DiagnosticReport] row ID[CodeableConcept]): the same
 * codes in the v2-0074 system, with their displays. A local section code is not in the table; the
 * OBR map keeps it as the category's text instead of claiming a v2-0074 code.
 */
export const diagnosticServiceSection: ValueMap = {
  id: 'v2-0074-diagnostic-service-section',
  name: 'Diagnostic service section (v2 0074) → DiagnosticReport category',
  description: 'HL7 v2-to-FHIR IG vocabulary map DiagnosticServiceSectionID.',
  sourceSystem: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  targetSystem: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  entries: [
    { source: 'AU', target: 'AU', display: 'Audiology' },
    { source: 'BG', target: 'BG', display: 'Blood Gases' },
    { source: 'BLB', target: 'BLB', display: 'Blood Bank' },
    { source: 'CG', target: 'CG', display: 'Cytogenetics' },
    { source: 'CUS', target: 'CUS', display: 'Cardiac Ultrasound' },
    { source: 'CTH', target: 'CTH', display: 'Cardiac Catheterization' },
    { source: 'CT', target: 'CT', display: 'CAT Scan' },
    { source: 'CH', target: 'CH', display: 'Chemistry' },
    { source: 'CP', target: 'CP', display: 'Cytopathology' },
    { source: 'EC', target: 'EC', display: 'Electrocardiac (e.g., EKG,  EEC, Holter)' },
    { source: 'EN', target: 'EN', display: 'Electroneuro (EEG, EMG,EP,PSG)' },
    { source: 'GE', target: 'GE', display: 'Genetics' },
    { source: 'HM', target: 'HM', display: 'Hematology' },
    { source: 'ICU', target: 'ICU', display: 'Bedside ICU Monitoring' },
    { source: 'IMM', target: 'IMM', display: 'Immunology' },
    { source: 'LAB', target: 'LAB', display: 'Laboratory' },
    { source: 'MB', target: 'MB', display: 'Microbiology' },
    { source: 'MCB', target: 'MCB', display: 'Mycobacteriology' },
    { source: 'MYC', target: 'MYC', display: 'Mycology' },
    { source: 'NMS', target: 'NMS', display: 'Nuclear Medicine Scan' },
    { source: 'NMR', target: 'NMR', display: 'Nuclear Magnetic Resonance' },
    { source: 'NRS', target: 'NRS', display: 'Nursing Service Measures' },
    { source: 'OUS', target: 'OUS', display: 'OB Ultrasound' },
    { source: 'OT', target: 'OT', display: 'Occupational Therapy' },
    { source: 'OTH', target: 'OTH', display: 'Other' },
    { source: 'OSL', target: 'OSL', display: 'Outside Lab' },
    { source: 'PHR', target: 'PHR', display: 'Pharmacy' },
    { source: 'PT', target: 'PT', display: 'Physical Therapy' },
    { source: 'PHY', target: 'PHY', display: 'Physician (Hx. Dx, admission note, etc.)' },
    { source: 'PF', target: 'PF', display: 'Pulmonary Function' },
    { source: 'RAD', target: 'RAD', display: 'Radiology' },
    { source: 'RX', target: 'RX', display: 'Radiograph' },
    { source: 'RUS', target: 'RUS', display: 'Radiology Ultrasound' },
    { source: 'RC', target: 'RC', display: 'Respiratory Care (therapy)' },
    { source: 'RT', target: 'RT', display: 'Radiation Therapy' },
    { source: 'SR', target: 'SR', display: 'Serology' },
    { source: 'SP', target: 'SP', display: 'Surgical Pathology' },
    { source: 'TX', target: 'TX', display: 'Toxicology' },
    { source: 'VUS', target: 'VUS', display: 'Vascular Ultrasound' },
    { source: 'VR', target: 'VR', display: 'Virology' },
    { source: 'XRC', target: 'XRC', display: 'Cineradiograph' },
  ],
  unmapped: { kind: 'empty' },
};
