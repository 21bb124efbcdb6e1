import ucumPackage from '@lhncbc/ucum-lhc';
import { describe, expect, it, test } from 'vitest';
import { LEGACY_UNITS } from './legacyUnits';
import { isUcumCode } from './ucum';
import { v2UnitToUcum } from './v2Units';

const ucum = ucumPackage.UcumLhcUtils.getInstance() as unknown as {
  getSpecifiedUnit(code: string, mode: string, suggest: boolean): { unit?: { ciCode_?: string } };
  convertUnitTo(from: string, value: number, to: string): { status: string; toVal: number | null };
};

/** Whether two UCUM codes name the same unit (`mg/dl` and `mg/dL`): one of the first is one of the second. */
function sameUnit(a: string, b: string): boolean {
  const converted = ucum.convertUnitTo(a, 1, b);
  return converted.status === 'succeeded' && converted.toVal === 1;
}

/** ucum-lhc writes derived c/i codes with parentheses and a leading 1: `(10*9)/L`, `1/MIN`. */
function caseInsensitive(code: string): string | undefined {
  const ci = ucum.getSpecifiedUnit(code, 'validate', false).unit?.ciCode_;
  return ci?.replace(/[()]/g, '').replace(/^1\//, '/');
}

describe('the legacy unit table', () => {
  test.each(LEGACY_UNITS.map((e) => [e.code, e.ucum, e] as const))('%s → %s is valid UCUM', (_code, target) => {
    expect(isUcumCode(target)).toBe(true);
  });

  test.each(LEGACY_UNITS.filter((e) => e.source === 'ci').map((e) => [e.code, e.ucum] as const))('%s is the UCUM case-insensitive symbol of %s', (code, target) => {
    expect(caseInsensitive(target)).toBe(code);
  });

  it('lists each code once, and says what a code that is UCUM as sent would have meant', () => {
    expect(new Set(LEGACY_UNITS.map((e) => e.code)).size).toBe(LEGACY_UNITS.length);
    for (const e of LEGACY_UNITS) {
      // A code that is valid UCUM as sent for another unit names that unit: the table overrides it on purpose.
      const other = isUcumCode(e.code) && !sameUnit(e.code, e.ucum);
      expect([e.code, e.asSent !== undefined]).toEqual([e.code, other]);
    }
  });

  it('reads a legacy code as the UCUM it means, ahead of what it would mean as UCUM', () => {
    expect(['ML', 'MG', 'G/L', 'MMOL/L', 'MU/L', 'S', 'H', 'mL', 'mg', 'Mg', 'mcg', 'furlongs'].map(v2UnitToUcum)).toEqual(
      ['mL', 'mg', 'g/L', 'mmol/L', 'mU/L', 's', 'h', 'mL', 'mg', 'Mg', undefined, undefined],
    );
  });
});
