import { MapBuilder, fhirResource, hl7Segment } from '../../../shared/common/mapping/build/MapBuilder';
import type { MapDefinition } from '../../../shared/common/mapping/spec/MappingSpec';
import { completionStatus } from '../../../shared/common/library/valueMaps';
import { immunizationInformationSource } from './immunizationInformationSource';
import { xcnActor } from './xcnActor';

const V2_0443 = 'http://terminology.hl7.org/CodeSystem/v2-0443';

/**
 * RXA[Immunization] (IG "HL7 Segment - FHIR R4_ RXA[Immunization]"): when the dose was given
 * (RXA-3), the vaccine (RXA-5, CVX), the dose (RXA-6/RXA-7), lot and expiry (RXA-15/16), the
 * manufacturer (RXA-17, an Organization), why it was not given (RXA-18), the indications (RXA-19),
 * the status (RXA-20/21), when it was recorded (RXA-22), where it was given (RXA-27/28), who gave
 * it (RXA-10) and, as the US CDC IG reads RXA-9, whether this is a record of the dose by the
 * one who gave it (primarySource, reportOrigin). The manufacturer, location and administering
 * provider are resources of the message map (targets `manufacturer`, `location`, `administering-provider`).
 */
export function rxaImmunization(): MapDefinition {
  const b = new MapBuilder('RXA[Immunization]', 'segment', hl7Segment('RXA'), fhirResource('Immunization'))
    .describe('RXA → Immunization', 'The dose given (or not) from the RXA segment, as the IG\'s RXA[Immunization] map says.');
  b.set('Immunization.occurrence[x]:occurrenceDateTime', b.call('DTM[dateTime]', b.src('RXA-3'), 'administered'));
  b.set('Immunization.vaccineCode', b.call('CWE[CodeableConcept]', b.src('RXA-5'), 'vaccine'));

  // RXA-6 999 is the CDC IG's "amount unknown" (historical doses): no dose rather than 999 mL.
  const amount = "RXA-6 != null and string.trim(RXA-6) != '999'";
  b.set('Immunization.doseQuantity', b.call('NM[Quantity]', b.cond(amount, b.src('RXA-6'), 'known-amount'), 'dose'));
  b.set('Immunization.doseQuantity', b.call('CWE[Quantity]', b.cond(amount, b.src('RXA-7'), 'dose-has-amount'), 'dose-units'));

  b.set('Immunization.lotNumber', b.fn('string.trim', { value: b.src('RXA-15') }, undefined, 'lot'));
  b.set('Immunization.expirationDate', b.call('DTM[date]', b.src('RXA-16'), 'expires'));
  b.set('Immunization.manufacturer', b.cond("string.trim(RXA-17.1) != null or string.trim(RXA-17.2) != null or string.trim(RXA-17.9) != null", b.ref('manufacturer', 'ref-manufacturer'), 'has-manufacturer'));
  b.set('Immunization.statusReason', b.call('CWE[CodeableConcept]', b.src('RXA-18'), 'refusal-reason'));
  b.set('Immunization.reasonCode', b.call('CWE[CodeableConcept]', b.src('RXA-19'), 'indication'));

  // Status: RXA-21 D (deleted) is entered-in-error; else RXA-20 by table 0322; nothing sent is completed (IG).
  const deleted = "RXA-21 = 'D'";
  b.set('Immunization.status', b.fnMany('logic.coalesce', 'values', [
    b.cond(deleted, b.constant('entered-in-error', 'entered-in-error'), 'deleted'),
    b.map(completionStatus.id, b.src('RXA-20'), 'code', 'completion'),
    b.constant('completed', 'completed'),
  ], 'status'));
  // Not in the IG: a partially administered dose (PA) is subpotent, which FHIR says only here.
  b.set('Immunization.isSubpotent', b.cond("RXA-20 = 'PA'", b.constant(true, 'partial-dose'), 'partially-administered'));
  b.set('Immunization.recorded', b.call('DTM[dateTime]', b.cond("RXA-21 = 'A'", b.src('RXA-22'), 'added'), 'entered'), 1);

  // RXA-9 (NIP001, as the US CDC IG reads it): 00 a new record by the one who gave the dose;
  // the historical codes say where the record came from instead.
  const informationSource = "RXA-9.3 = 'NIP001'";
  b.set('Immunization.primarySource', b.map(immunizationInformationSource.id, b.cond(informationSource, b.src('RXA-9.1'), 'is-NIP001'), 'code', 'primary-source'));
  b.set('Immunization.reportOrigin', b.call('CWE[CodeableConcept]', b.cond(`${informationSource} and RXA-9.1 != '00'`, b.src('RXA-9'), 'historical'), 'report-origin'));

  // RXA-10: each administering provider (function AP): the Practitioner of their identifier, or
  // without one a reference naming them (a record nobody could find again is not created).
  b.each('Immunization.performer', b.cond('RXA-10.1 != null or RXA-10.2 != null', b.src('RXA-10'), 'names-administering'));
  b.set('Immunization.performer.function', b.cond('RXA-10.1 != null or RXA-10.2 != null', b.constant({ coding: [{ system: V2_0443, code: 'AP', display: 'Administering Provider' }] }, 'AP'), 'is-administering'));
  xcnActor(b, 'Immunization.performer.actor', 'RXA-10', 'administering-provider', 'administering');

  b.set('Immunization.location', b.cond('RXA-27.1 != null or RXA-27.2 != null or RXA-27.3 != null or RXA-27.4 != null', b.ref('location', 'ref-location'), 'has-location'));
  return b.build();
}
