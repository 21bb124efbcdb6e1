import { describe, expect, it } from 'vitest';
import { translateIgCondition } from './igCondition';

const seg = (self: string) => ({ self });
const dt = (self: string, datatype: string) => ({ self, datatype });

describe('translateIgCondition', () => {
  it.each([
    ['IF PID-7 LENGTH GREATER THAN 8', seg('PID-7'), 'string.length(PID-7) > 8'],
    ['IF PID-33 AND PID-34 VALUED', seg('PID-33'), 'PID-33 != null and PID-34 != null'],
    ['IF SCH-26 or SCH-27 VALUED', seg('SCH-26'), 'SCH-26 != null or SCH-27 != null'],
    ['IF PRT-9 VALUED OR IF PRT-14 VALUED', seg('PRT'), 'PRT-9 != null or PRT-14 != null'],
    ['IF PV1-20 VALUE', seg('PV1'), 'PV1-20 != null'],
    ['IF TQ1-6 NOT VAlUED', seg('TQ1-6'), 'TQ1-6 = null'],
    ['IF RXA-21 NOT EQUALS "D"', seg('RXA-20'), "RXA-21 != 'D'"],
    ['IF NOT VALUED AND RXA-21 NOT EQUALS "D"', seg('RXA-20'), "RXA-20 = null and RXA-21 != 'D'"],
    ['IF OBX-2 IN ("ST", "FT", "TX")', seg('OBX-5'), "(OBX-2 = 'ST' or OBX-2 = 'FT' or OBX-2 = 'TX')"],
    ['IF PRT-4 IS IN ("AD", "AP")', seg('PRT'), "(PRT-4 = 'AD' or PRT-4 = 'AP')"],
    ['IF OBX-11 IS "X"', seg('OBX-11'), "OBX-11 = 'X'"],
    ['IF EVN-4 NOT "U"', seg('EVN-4'), "EVN-4 != 'U'"],
    ["IF IN1-17 IS 'patient'", seg('IN1-17'), "IN1-17 = 'patient'"],
    ['IF OBX-2="ED"', seg('OBX-5'), "OBX-2 = 'ED'"],
    ['IF ORC.1 IS "NW"', seg('ORC-1'), "ORC-1 = 'NW'"],
    ['IF OBX-5 LST.count LESS THAN OR EQUALS 1 OR OBX-2 IS "NA"', seg('OBX'), "OBX-5[2] = null or OBX-2 = 'NA'"],
    ['IF  OBX-5 LST.count GREATER THAN 1 AND OBX-2 IS NOT "NA"', seg('OBX'), "OBX-5[2] != null and OBX-2 != 'NA'"],
    ['IF PID-11 LST.COUNT EQUALS 1 AND PID-11.9 IS VALUED NOT EQUAL PID-12', seg('PID-12'), '(PID-11[1] != null and PID-11[2] = null) and PID-11.9 != null and PID-11.9 != PID-12'],
    ['IF OBX-33 COUNT>1', seg('OBX-33'), 'OBX-33[2] != null'],
    ['IF (OBX-5 LST.count GREATER THAN 1 AND OBX-2 IS NOT "NA") AND OBX-29 AND OBX-29 IN ("QST", "SCI")', seg('OBX'), "(OBX-5[2] != null and OBX-2 != 'NA') and (OBX-29 = 'QST' or OBX-29 = 'SCI') and (OBX-29 = 'QST' or OBX-29 = 'SCI')"],
    ['IF (OBX-2 EQUALS "SN"  AND OBX-5.1  EQUALS "<>"', seg('OBX-5'), "OBX-2 = 'SN' and OBX-5.1 = '<>'"],
    ['IF RXO-2 IS VALUED AND (IF RXO-4.1 IS NOT VALUED AND RXO-4.3 IS NOT VALUED)', seg('RXO-4'), 'RXO-2 != null and (RXO-4.1 = null and RXO-4.3 = null)'],
    ['IF HD.1 NOT VALUED AND IF HD-3 = "ISO"', dt('HD.2', 'HD'), "HD.1 = null and HD.3 = 'ISO'"],
    ['IF NOT VALUED OR NOT IN ("ISO", "UUID")', dt('HD.3', 'HD'), "HD.3 = null or not (HD.3 = 'ISO' or HD.3 = 'UUID')"],
    ['IF NOT EQUAL TO "="', dt('SN.1', 'SN'), "SN.1 != '='"],
    ['IF XCN.19 DOES NOT EXIST AND IF XCN.20 DOES NOT EXIST', dt('XCN.1', 'XCN'), 'XCN.19 = null and XCN.20 = null'],
    ['IF TQ1-3.9 IS EMPTY', seg('TQ1-3'), 'TQ1-3.9 = null'],
    ['If SN.1 OR SN.3 VALUED', dt('SN.1', 'SN'), 'SN.1 != null or SN.3 != null'],
    ['IF PL.1 AND PL.2 AND PL.3 NOT VALUED', dt('PL.1', 'PL'), 'PL.1 = null and PL.2 = null and PL.3 = null'],
  ])('%s', (text, context, expression) => {
    expect(translateIgCondition(text, context)).toEqual({ expression });
  });

  it.each([
    ['IF PID VALUED', 'the condition cannot be read: "PID" is not an element such as PID-8'],
    ['IF CX.4 IN http://hl7.org/implement/standards/fhir/identifier-registry.html', 'the condition cannot be read: it has ":" where a word or value is expected'],
    ['IF OBR-25 NOT VALUED ERROR', 'the condition cannot be read: it goes on after the condition with "ERROR"'],
    ['IF XCN.19 NOT VALUED XCN.20 NOT VALUED', 'the condition cannot be read: it goes on after the condition with "XCN.20"'],
    ['IF PRT-5 AND PRT-6 AREA NOT VALUED ', 'the condition cannot be read: "AREA" does not start a test the reader knows'],
    ['IF PRT-2 IS IN ("A", "S", "U", X")', 'the condition cannot be read: a quoted value is not closed'],
    ['IF OBX-5 LST.count GREATER THAN 2', 'the condition cannot be read: a repetition count is compared with another number than 1'],
    ['ic', 'the condition cannot be read: "IC" is not an element such as PID-8'],
  ])('%s is refused with a reason', (text, reason) => {
    expect(translateIgCondition(text, seg('X-1'))).toEqual({ reason });
  });
});
