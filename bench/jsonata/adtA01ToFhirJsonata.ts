import jsonata from 'jsonata';
import type { Hl7Message } from '../../shared/common/hl7v2/Hl7Message';
import type { ValueMap } from '../../shared/common/valuemaps/ValueMap';
import * as maps from '../../shared/common/library/valueMaps/index';
import { codingSystemUri } from '../../shared/common/functions/code/codingSystems';
import { v2UnitToUcum } from '../../shared/common/functions/unit/v2Units';
import type { ResourceIds } from '../handwritten/adtA01ToFhir';
import { messageToJson } from './messageToJson';

/**
 * The example ADT^A01 → FHIR mapping as one JSONata expression over the message converted to JSON
 * (bench/jsonata/messageToJson.ts): how JSONata-based integration engines run a mapping. The
 * expression is compiled once; each message pays the JSON conversion and the evaluation. Its
 * value maps are the example's, written into the expression as object literals.
 *
 * It covers the segments the benchmark's generated messages carry (PID, PV1, NK1, OBX, AL1, DG1)
 * and fails on the rest of what the example maps (PR1, IN1, PD1, DG1-16's diagnosing clinician):
 * those add Practitioners and Organizations shared, one per identity, with PV1's doctors, which
 * the hand-written mapper (checked on the reference samples that carry them) does in a few
 * lines and this expression would need a second pass over every named person to do.
 */

/** A value map as a JSONata object literal: code → coding (or code → code when `codeOnly`). */
function table(map: ValueMap, codeOnly: boolean): string {
  const entries: Record<string, unknown> = {};
  for (const e of map.entries) {
    const system = e.system ?? map.targetSystem;
    entries[e.source] = codeOnly ? e.target : { code: e.target, ...(system ? { system } : {}), ...(e.display ? { display: e.display } : {}) };
  }
  return JSON.stringify(entries);
}

/** The unmapped policy as JSONata: what `$m` (a table) gives for code `$k`. */
function lookupFn(map: ValueMap, codeOnly: boolean): string {
  const t = table(map, codeOnly);
  const p = map.unmapped;
  let miss = 'undefined';
  if (p.kind === 'default') {
    const system = p.system ?? map.targetSystem;
    miss = codeOnly ? JSON.stringify(p.code) : JSON.stringify({ code: p.code, ...(system ? { system } : {}), ...(p.display ? { display: p.display } : {}) });
  } else if (p.kind === 'passthrough') {
    miss = codeOnly ? '$k' : `{ "code": $k${map.targetSystem ? `, "system": ${JSON.stringify(map.targetSystem)}` : ''} }`;
  }
  return `function($k) { $k ? ( $hit := $lookup(${t}, $k); $exists($hit) ? $hit : ${miss} ) : undefined }`;
}

const SYSTEM_NAMES = ['LN', 'LOINC', 'SCT', 'SNM', 'SNOMED', 'SNOMEDCT', 'I9', 'I9C', 'I9CDX', 'I10', 'I10C', 'ICD10CM', 'I10P', 'RXNORM', 'RXN', 'CVX', 'MVX', 'NDC', 'UCUM', 'C4', 'CPT', 'HCPCS', 'NUCC', 'CDCREC', 'NCIT', 'UMLS', 'ISO3166_1', 'ISO+', 'ISO639', 'NPI', 'SSN'];

const EXPRESSION = `(
  $sub := function($rep, $c, $s) {(
    $x := $lookup($rep, 'C' & $string($c));
    $type($x) = 'object' ? $lookup($x, 'S' & $string($s)) : ($s = 1 ? $x : undefined)
  )};
  $c := function($rep, $c) { $sub($rep, $c, 1) };
  $reps := function($seg, $f) { $lookup($seg, 'F' & $string($f)) };
  $v := function($seg, $f) { $c($reps($seg, $f)[0], 1) };
  $ne := function($a) { $count($a) > 0 ? $a : undefined };
  $obj := function($o) { $count($keys($o)) > 0 ? $o : undefined };
  $dtm := function($v) {(
    $g := $v ? $match($v, /^(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\.\\d{1,4})?([+-]\\d{4})?$/).groups;
    $exists($g) ? (
      $d := $g[0] & ($g[1] ? '-' & $g[1] : '') & ($g[2] ? '-' & $g[2] : '');
      $g[3]
        ? $d & 'T' & $g[3] & ':' & ($g[4] ? $g[4] : '00') & ':' & ($g[5] ? $g[5] : '00') & ($g[5] and $g[6] ? $g[6] : '')
          & ($g[7] ? ($g[7] = '+0000' ? 'Z' : $substring($g[7], 0, 3) & ':' & $substring($g[7], 3)) : $tz)
        : $d
    ) : undefined
  )};
  $date := function($v) { $v ? $dtm($substring($v, 0, 8)) : undefined };
  $num := function($v) { $v and $contains($v, /^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$/) ? $number($v) : undefined };
  $sys := function($name) { $name ? $lookup($systems, $name) : undefined };
  $gender := ${lookupFn(maps.administrativeSex, true)};
  $nameUse := ${lookupFn(maps.nameType, true)};
  $addressUse := ${lookupFn(maps.addressUse, true)};
  $addressType := ${lookupFn(maps.addressType, true)};
  $telecomUse := ${lookupFn(maps.telecomUse, true)};
  $telecomSystem := ${lookupFn(maps.telecomSystem, true)};
  $encClass := ${lookupFn(maps.encounterClass, false)};
  $encStatus := ${lookupFn(maps.encounterStatus, true)};
  $interp := ${lookupFn(maps.interpretation, false)};
  $obsStatus := ${lookupFn(maps.observationStatus, true)};
  $allergyCat := ${lookupFn(maps.allergenCategory, true)};
  $severity := ${lookupFn(maps.allergySeverity, true)};

  $present := function($values) { [$filter($values, function($x) { $x and $trim($x) != '' })] };
  $period := function($start, $end) { $obj({ "start": $dtm($start), "end": $dtm($end) }) };
  /* A universal id (HD-2) as a URI when its type (HD-3) says what it is and it has that form. */
  $universal := function($u, $type) {(
    $ut := $uppercase($type);
    $u ? (
      $ut = 'ISO' and $contains($u, /^[0-2](\\.(0|[1-9][0-9]*))+$/) ? 'urn:oid:' & $u
      : $ut = 'URI' and $contains($u, /^\\S+$/) ? $u
      : $ut = 'UUID' and $contains($u, /^[0-9a-fA-F-]{36}$/) ? 'urn:uuid:' & $lowercase($u)
      : undefined
    ) : undefined
  )};
  $idWith := function($r, $p) {(
    $value := $trim($c($r, $p.value));
    $ns := $sub($r, $p.authority, 1);
    $system := $universal($sub($r, $p.authority, 2), $sub($r, $p.authority, 3));
    $value ? $obj({
      "extension": $ne([
        $c($r, $p.checkDigit) ? { "url": "http://hl7.org/fhir/StructureDefinition/identifier-checkDigit", "valueString": $c($r, $p.checkDigit) },
        $c($r, $p.scheme) ? { "url": "http://hl7.org/fhir/StructureDefinition/namingsystem-checkDigit", "valueString": $c($r, $p.scheme) }
      ]),
      "system": $system,
      "value": $value,
      "type": $trim($c($r, $p.type)) ? { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": $trim($c($r, $p.type)) }] } : undefined,
      "period": $p.start ? $period($c($r, $p.start), $c($r, $p.end)) : undefined,
      "assigner": $system ? undefined : ($ns ? { "display": $ns } : undefined)
    }) : undefined
  )};
  $identifier := function($r) { $idWith($r, { "value": 1, "checkDigit": 2, "scheme": 3, "authority": 4, "type": 5, "start": 7, "end": 8 }) };
  $name := function($r) {
    $obj({
      "use": $nameUse($c($r, 7)),
      "family": $trim($sub($r, 1, 1)) ? $trim($sub($r, 1, 1)) : undefined,
      "given": $ne($present([$c($r, 2), $c($r, 3)])),
      "prefix": $ne($present([$c($r, 5)])),
      "suffix": $ne($present([$c($r, 4), $c($r, 6), $c($r, 14)])),
      "period": $exists($period($c($r, 12), $c($r, 13))) ? $period($c($r, 12), $c($r, 13)) : $period($sub($r, 10, 1), $sub($r, 10, 2))
    })
  };
  $address := function($r) {
    $obj({
      "use": $addressUse($c($r, 7)), "type": $addressType($c($r, 7)),
      "line": $ne($present([$sub($r, 1, 1), $sub($r, 1, 2), $sub($r, 1, 3), $c($r, 2), $c($r, 19)])),
      "city": $c($r, 3), "district": $c($r, 9), "state": $c($r, 4), "postalCode": $c($r, 5), "country": $c($r, 6),
      "period": $exists($period($c($r, 13), $c($r, 14))) ? $period($c($r, 13), $c($r, 14)) : $period($sub($r, 12, 1), $sub($r, 12, 2))
    })
  };
  $contact := function($r, $defaultUse) {(
    $eq := $c($r, 3); $mail := $c($r, 4); $number := $c($r, 1);
    $isMail := $eq = 'Internet' or $eq = 'X.400';
    $value := $isMail ? $mail : (
      $exists($c($r, 12)) ? $c($r, 12) : $exists($number) ? $number : (
        $exists($c($r, 7))
          ? ($c($r, 5) ? '+' & $c($r, 5) & ' ' : '') & ($c($r, 6) ? '(' & $c($r, 6) & ') ' : '') & $c($r, 7) & ($c($r, 8) ? ' X' & $c($r, 8) : '')
          : undefined
      )
    );
    $system := $exists($eq) ? $telecomSystem($eq) : ($exists($mail) and $not($exists($number)) and $not($exists($c($r, 12))) and $not($exists($c($r, 7))) ? 'email' : 'phone');
    $mapped := $exists($c($r, 2)) ? $telecomUse($c($r, 2)) : undefined;
    $use := $exists($mapped) ? $mapped : $eq = 'CP' ? 'mobile' : $exists($c($r, 2)) ? undefined : $defaultUse;
    $rank := $num($c($r, 18));
    $value and $trim($value) != '' ? {
      "system": $system,
      "value": $trim($value),
      "use": $use,
      "rank": $rank and $rank >= 1 and $rank = $floor($rank) ? $rank : undefined,
      "period": $period($c($r, 13), $c($r, 14))
    } : undefined
  )};
  $cc := function($r) {(
    $codings := [$filter([
      $obj({ "system": $sys($c($r, 3)), "version": $c($r, 7), "code": $trim($c($r, 1)), "display": $c($r, 2) }),
      $obj({ "system": $sys($c($r, 6)), "version": $c($r, 8), "code": $trim($c($r, 4)), "display": $c($r, 5) }),
      $obj({ "system": $sys($c($r, 12)), "version": $c($r, 13), "code": $trim($c($r, 10)), "display": $c($r, 11) })
    ], function($x) { $x.code })];
    $count($codings) = 0 and $not($exists($c($r, 9)))
      ? ($c($r, 2) ? { "text": $c($r, 2) } : undefined)
      : $obj({ "coding": $ne($codings), "text": $c($r, 9) })
  )};
  $units := function($seg, $q) {(
    $u := $reps($seg, 6)[0];
    $code := $trim($c($u, 1)) ? $trim($c($u, 1)) : undefined;
    $text := $trim($c($u, 2)) ? $trim($c($u, 2)) : undefined;
    $systemName := $c($u, 3);
    $legacy := $systemName and $uppercase($trim($systemName)) in ['ISO+', 'ISO', 'ANS+', 'ANSI'];
    $system := $code and $systemName and $not($legacy) ? $sys($systemName) : undefined;
    $inferred := $code and ($not($exists($systemName)) or $legacy) ? $ucum($code) : undefined;
    $merge([$q, $obj({
      "unit": $exists($text) ? $text : $code,
      "system": $system ? $system : ($inferred ? 'http://unitsofmeasure.org' : undefined),
      "code": $system ? ($system = 'http://unitsofmeasure.org' and $ucum($code) ? $ucum($code) : $code) : $inferred
    })])
  )};
  $quantity := function($seg, $v) { $exists($num($v)) ? $units($seg, { "value": $num($v) }) : undefined };
  $observation := function($obx) {(
    $type := $v($obx, 2);
    $five := $reps($obx, 5)[0];
    $sn1 := $c($five, 1); $sn2 := $c($five, 2); $sn3 := $c($five, 3); $sn4 := $c($five, 4);
    $snQ := $quantity($obx, $sn2);
    $value := $type = 'NM' ? { "valueQuantity": $quantity($obx, $v($obx, 5)) }
      : $type in ['ST', 'TX', 'FT'] ? { "valueString": $v($obx, 5) }
      : $type in ['CWE', 'CE'] ? { "valueCodeableConcept": $cc($five) }
      : $type in ['DT', 'DTM', 'TS'] ? { "valueDateTime": $dtm($v($obx, 5)) }
      : $type = 'SN' ? (
          $not($sn1 = '<>') and $sn3 in [':', '/'] ? { "valueRatio": $obj({
            "numerator": $exists($snQ) ? $merge([$snQ, $sn1 in ['<', '<=', '>=', '>'] ? { "comparator": $sn1 } : {}]) : undefined,
            "denominator": $exists($num($sn4)) ? { "value": $num($sn4) } : undefined
          }) }
          : $not($sn1 = '<>') and $sn3 = '-' ? { "valueRange": $obj({ "low": $quantity($obx, $sn2), "high": $quantity($obx, $sn4) }) }
          : $not($sn1 = '<>') and $not($exists($sn3)) ? { "valueQuantity": $exists($snQ) ? $merge([$snQ, $sn1 in ['<', '<=', '>=', '>'] ? { "comparator": $sn1 } : {}]) : undefined }
          : { "valueString": $join([$sn1, $sn2, $sn3, $sn4, $c($reps($obx, 6)[0], 1)], ' ') }
        )
      : {};
    $merge([{
      "resourceType": "Observation",
      "status": $exists($obsStatus($v($obx, 11))) ? $obsStatus($v($obx, 11)) : 'unknown',
      "code": $exists($cc($reps($obx, 3)[0])) ? $cc($reps($obx, 3)[0]) : ($v($obx, 3) ? undefined : { "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode": "unknown" }] }),
      "subject": { "reference": $patientUrl },
      "encounter": $exists($pv1) ? { "reference": $encounterUrl },
      "effectiveDateTime": $dtm($v($obx, 14)),
      "interpretation": $ne([$map($reps($obx, 8), function($r) {( $i := $interp($c($r, 1)); $i ? { "coding": [$i] } : undefined )})]),
      "referenceRange": $v($obx, 7) ? [{ "text": $v($obx, 7) }] : undefined
    }, $value])
  )};
  $allergy := function($al1) {
    {
      "resourceType": "AllergyIntolerance",
      "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "code": "active" }] },
      "category": $allergyCat($v($al1, 2)) ? [$allergyCat($v($al1, 2))] : undefined,
      "code": $cc($reps($al1, 3)[0]),
      "criticality": $severity($v($al1, 4)),
      "patient": { "reference": $patientUrl },
      "onsetDateTime": $date($v($al1, 6)),
      "reaction": $ne([$map($reps($al1, 5), function($r) { $c($r, 1) ? { "text": $c($r, 1) } : undefined })])
        ? [{ "manifestation": [$map($reps($al1, 5), function($r) { $c($r, 1) ? { "text": $c($r, 1) } : undefined })] }]
    }
  };

  /* NK1 → what Patient.contact and RelatedPerson both take; NK1-6 is the business number (use work). */
  $nk1Person := function($nk1, $single) {(
    $names := [$map($reps($nk1, 2), $name)];
    $addresses := [$map($reps($nk1, 4), $address)];
    {
      "name": $single ? $names[0] : $ne($names),
      "address": $single ? $addresses[0] : $ne($addresses),
      "relationship": $ne([$map($reps($nk1, 3), $cc), $map($reps($nk1, 7), $cc)]),
      "telecom": $ne([
        $filter($map($reps($nk1, 5), function($r) { $contact($r, undefined) }), function($x) { $exists($x.value) }),
        $map($filter($map($reps($nk1, 6), function($r) { $contact($r, undefined) }), function($x) { $exists($x.value) }), function($x) { $merge([$x, { "use": "work" }]) })
      ]),
      "period": $obj({ "start": $date($v($nk1, 8)), "end": $date($v($nk1, 9)) }),
      "gender": $gender($v($nk1, 15))
    }
  )};
  $relatedPerson := function($nk1) {
    $merge([{ "resourceType": "RelatedPerson" }, $nk1Person($nk1, false), {
      "identifier": $ne([$filter([$map($reps($nk1, 12), $identifier), $map($reps($nk1, 33), $identifier)], function($x) { $exists($x) })]),
      "birthDate": $date($v($nk1, 16)),
      "communication": $cc($reps($nk1, 20)[0]) ? [{ "language": $cc($reps($nk1, 20)[0]) }],
      "patient": { "reference": $patientUrl }
    }])
  };
  /* EI → Identifier: EI-3/4 a system, else EI-2 the assigner. */
  $ei := function($r) {(
    $value := $trim($c($r, 1));
    $system := $universal($c($r, 3), $c($r, 4));
    $value ? { "value": $value, "system": $system, "assigner": $system ? undefined : ($c($r, 2) ? { "display": $c($r, 2) }) }
  )};
  $condition := function($dg1) {(
    $identified := $dtm($v($dg1, 19));
    $code := $merge([$exists($cc($reps($dg1, 3)[0])) ? $cc($reps($dg1, 3)[0]) : {}, $v($dg1, 4) ? { "text": $v($dg1, 4) } : {}]);
    {
      "resourceType": "Condition",
      "code": $obj($code),
      "onsetDateTime": $dtm($v($dg1, 5)),
      "extension": $identified ? [{ "url": "http://hl7.org/fhir/StructureDefinition/condition-assertedDate", "valueDateTime": $identified }],
      "recordedDate": $identified,
      "identifier": $ei($reps($dg1, 20)[0]) ? [$ei($reps($dg1, 20)[0])],
      "verificationStatus": $v($dg1, 21) = 'D' ? { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "entered-in-error" }] },
      "subject": { "reference": $patientUrl }
    }
  )};

  $v(MSH[0], 9) = 'ADT' ? undefined : $error('The message code "' & $v(MSH[0], 9) & '" is not ADT.');
  /* What this expression leaves to the hand-written mapper (see the file's comment). */
  $exists(PR1) or $exists(IN1) or $exists(PD1) or $exists(DG1.F16) ? $error('The JSONata mapper does not map PR1, IN1, PD1 or DG1-16.');
  $pid := PID[0];
  $pv1 := PV1[0];
  $patientUrl := $id('patient', 0);
  $encounterUrl := $id('encounter', 0);
  $patient := $exists($pid) ? (
    $birth := $v($pid, 7);
    $death := $dtm($v($pid, 29));
    {
      "resourceType": "Patient",
      "identifier": $ne([$filter($map($reps($pid, 3), $identifier), function($x) { $exists($x) })]),
      "name": $ne([$map($reps($pid, 5), $name)]),
      "telecom": $ne([$filter([$map($reps($pid, 13), function($r) { $contact($r, 'home') }), $map($reps($pid, 14), function($r) { $contact($r, 'work') })], function($x) { $exists($x.value) })]),
      "gender": $gender($v($pid, 8)),
      "birthDate": $date($birth),
      "_birthDate": $length($birth) > 8 and $dtm($birth) ? { "extension": [{ "url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime", "valueDateTime": $dtm($birth) }] },
      "deceasedDateTime": $death,
      "deceasedBoolean": $death ? undefined : ($v($pid, 30) = 'Y' ? true : $v($pid, 30) = 'N' ? false : undefined),
      "address": $ne([$map($reps($pid, 11), $address)]),
      "contact": $ne([$map(NK1, function($nk1) { $obj($nk1Person($nk1, true)) })])
    }
  ) : { "resourceType": "Patient" };
  $class := $exists($v($pv1, 2)) ? $v($pv1, 2) : 'U';
  $practitionerName := function($r) {
    $obj({
      "use": $nameUse($c($r, 10)),
      "family": $trim($sub($r, 2, 1)) ? $trim($sub($r, 2, 1)) : undefined,
      "given": $ne($present([$c($r, 3), $c($r, 4)])),
      "prefix": $ne($present([$c($r, 6)])),
      "suffix": $ne($present([$c($r, 5), $c($r, 21)])),
      "period": $obj({
        "start": $date($exists($c($r, 19)) ? $c($r, 19) : $sub($r, 17, 1)),
        "end": $date($exists($c($r, 20)) ? $c($r, 20) : $sub($r, 17, 2))
      })
    })
  };
  $token := function($i) {(
    $esc := function($s) { $replace($replace($replace($replace($encodeUrlComponent($replace($s, /[\\\\,|$]/, function($m) { '\\\\' & $m.match })), '%3A', ':'), '%2F', '/'), '%7C', '|'), '%2C', ',') };
    ($i.system ? $esc($i.system) : '') & '|' & $esc($i.value)
  )};
  $search := function($ids) {(
    $t := $distinct($map($filter($ids, function($i) { $exists($i.value) }), $token));
    $count($t) > 0 ? 'identifier=' & $join($t, ',') : undefined
  )};
  /* PV1's people (IG PV1[Encounter] participant[1] … [5]): each repetition that names someone. */
  $people := [
    { "field": 7, "target": 'attending-doctor', "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "ATND", "display": "attender" }] } },
    { "field": 8, "target": 'referring-doctor', "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "REF" }], "text": "referrer" } },
    { "field": 9, "target": 'consulting-doctor', "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "CON" }], "text": "consultant" } },
    { "field": 17, "target": 'admitting-doctor', "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "ADM" }], "text": "admitter" } },
    { "field": 52, "target": 'other-healthcare-provider', "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "PART" }], "text": "Participation" } }
  ];
  $doctors := $reduce($map($people, function($p) {
    $map($filter($reps($pv1, $p.field), function($r) { $exists($c($r, 1)) or $exists($c($r, 2)) }), function($r, $i) {(
      $doctorId := $idWith($r, { "value": 1, "checkDigit": 11, "scheme": 12, "authority": 9, "type": 13 });
      $degree := $trim($c($r, 7));
      $resource := {
        "resourceType": "Practitioner",
        "identifier": $doctorId ? [$doctorId] : undefined,
        "name": $practitionerName($r) ? [$practitionerName($r)] : undefined,
        "qualification": $degree ? [{ "code": { "coding": [{ "code": $degree, "system": "http://terminology.hl7.org/CodeSystem/v2-0360" }] } }] : undefined
      };
      $s := $search($resource.identifier);
      { "fullUrl": $id($p.target, $i), "type": $p.type, "resource": $resource, "search": $s, "identity": $s ? $s : $string($resource) }
    )})
  }), function($all, $these) { $append($all, $these) }, []);
  /* One Practitioner per identity (search, else content) across the five fields: later ones are the first one. */
  $first := function($d) { $filter($doctors, function($e) { $e.identity = $d.identity })[0] };
  $practitioners := [$map($filter($doctors, function($d) { $first($d).fullUrl = $d.fullUrl }), function($d) {
    { "fullUrl": $d.fullUrl, "resource": $d.resource, "request": $d.search ? { "method": "POST", "url": "Practitioner", "ifNoneExist": $d.search } : { "method": "POST", "url": "Practitioner" } }
  })];
  /* PV1-3: a Location per level sent, most granular first, each partOf the next one sent. */
  $loc := $reps($pv1, 3)[0];
  $levels := [
    { "target": 'location-bed', "component": 3, "physicalType": 'bd' },
    { "target": 'location-room', "component": 2, "physicalType": 'ro' },
    { "target": 'location-floor', "component": 8, "physicalType": 'lvl' },
    { "target": 'location-point-of-care', "component": 1 },
    { "target": 'location-building', "component": 7, "physicalType": 'bu' },
    { "target": 'location-facility', "component": 4, "physicalType": 'si' }
  ];
  $sent := $exists($pv1) ? [$filter($levels, function($l) { $exists($c($loc, $l.component)) })] : [];
  $locations := [$map($sent, function($l, $i) {
    {
      "fullUrl": $id($l.target, 0),
      "resource": {
        "resourceType": "Location", "identifier": [{ "value": $c($loc, $l.component) }], "mode": "instance",
        "physicalType": $l.physicalType ? { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": $l.physicalType }] },
        "description": $i = 0 ? $c($loc, 9),
        "partOf": $i + 1 < $count($sent) ? { "reference": $id($sent[$i + 1].target, 0) }
      }
    }
  })];
  $vn := $reps($pv1, 19)[0];
  $oid := $sub($vn, 4, 3) = 'ISO' ? $sub($vn, 4, 2) : undefined;
  $visit := $c($vn, 1) ? {
    "value": $c($vn, 1),
    "system": $oid ? 'urn:oid:' & $oid : undefined,
    "assigner": $oid ? undefined : ($sub($vn, 4, 1) ? { "display": $sub($vn, 4, 1) } : undefined),
    "type": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "VN" }], "text": "visit number" }
  };
  $encounter := $exists($pv1) ? {
    "resourceType": "Encounter",
    "status": $v($pv1, 45) ? 'finished' : $encStatus($class),
    "class": $encClass($class),
    "identifier": $visit ? [$visit],
    "subject": { "reference": $patientUrl },
    "period": $obj({ "start": $dtm($v($pv1, 44)), "end": $dtm($v($pv1, 45)) }),
    "participant": $ne([$map($doctors, function($d) {
      { "type": [$d.type], "individual": { "reference": $first($d).fullUrl } }
    })]),
    "location": $count($locations) > 0 ? [{ "location": { "reference": $locations[0].fullUrl }, "status": $v($pv1, 2) = 'P' ? 'planned' : 'active' }],
    "diagnosis": $ne([$map(DG1, function($dg1, $i) { { "condition": { "reference": $id('condition', $i) }, "rank": $num($v($dg1, 15)) } })])
  };
  $patientSearch := $search($filter($patient.identifier, function($i) { 'MR' in $i.type.coding.code }));
  $visitSearch := $search($encounter.identifier);
  $byId := function($url, $resource) {(
    $uuid := $substringAfter($url, 'urn:uuid:');
    { "fullUrl": $url, "resource": $merge([$resource, { "id": $uuid }]), "request": { "method": "PUT", "url": $resource.resourceType & '/' & $uuid } }
  )};
  /* A conditional update on its identifiers, else a PUT by its id. */
  $record := function($url, $resource) {(
    $s := $search($resource.identifier);
    $s ? { "fullUrl": $url, "resource": $resource, "request": { "method": "PUT", "url": $resource.resourceType & '?' & $s } } : $byId($url, $resource)
  )};
  $entries := [
    { "fullUrl": $patientUrl, "resource": $patient, "request": $patientSearch
      ? { "method": "PUT", "url": 'Patient?' & $patientSearch }
      : $error('REQUEST_NO_SEARCH_VALUE: the Patient has no MR identifier') },
    $encounter ? (
      $visitSearch
        ? { "fullUrl": $encounterUrl, "resource": $encounter, "request": { "method": "PUT", "url": 'Encounter?' & $visitSearch } }
        : $byId($encounterUrl, $encounter)
    ),
    $map($locations, function($l) { $byId($l.fullUrl, $l.resource) }),
    $practitioners,
    $map(OBX, function($obx, $i) { $byId($id('observation', $i), $observation($obx)) }),
    $map(AL1, function($al1, $i) { $byId($id('allergy', $i), $allergy($al1)) }),
    $map(DG1, function($dg1, $i) { $record($id('condition', $i), $condition($dg1)) }),
    $map([$filter(NK1, function($nk1) { $not($v($nk1, 3) in ['EMR', 'E', 'F', 'I', 'S']) })], function($nk1, $i) { $record($id('related-person', $i), $relatedPerson($nk1)) })
  ];
  {
    "resourceType": "Bundle",
    "type": "transaction",
    "entry": $entries
  }
)`;

export interface JsonataMapper {
  /** One message → the same transaction Bundle as the example mapping. */
  map(message: Hl7Message, ids: ResourceIds): Promise<unknown>;
  /** The expression text, for inspection. */
  readonly expression: string;
}

/** Compiles the expression once (as a JSONata engine does at deploy time). */
export function compileJsonataMapper(defaultTimezone: string): JsonataMapper {
  const systems: Record<string, string> = {};
  for (const name of SYSTEM_NAMES) {
    const uri = codingSystemUri(name);
    if (uri !== undefined) systems[name] = uri;
  }
  for (let t = 1; t <= 999; t++) {
    const name = `HL7${String(t).padStart(4, '0')}`;
    systems[name] = codingSystemUri(name) as string;
  }
  const compiled = jsonata(EXPRESSION);
  return {
    expression: EXPRESSION,
    async map(message, ids) {
      const json = messageToJson(message);
      return compiled.evaluate(json, { tz: defaultTimezone, systems, ucum: v2UnitToUcum, id: ids });
    },
  };
}
