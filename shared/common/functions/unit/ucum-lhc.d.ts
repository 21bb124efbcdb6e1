// Types for the part of @lhncbc/ucum-lhc that Crosswalk uses (the package ships none).
declare module '@lhncbc/ucum-lhc' {
  interface UcumUnit { csCode_: string; name_: string; printSymbol_: string | null; isSpecial_: boolean }
  interface ConvertResult { status: 'succeeded' | 'failed' | 'error'; toVal: number | null; msg: string[]; fromUnit?: UcumUnit; toUnit?: UcumUnit }
  interface ValidateResult { status: 'valid' | 'invalid' | 'error'; ucumCode: string | null; msg: string[]; unit?: { code: string; name: string; guidance?: string } }
  interface UcumLhcUtils {
    convertUnitTo(fromUnitCode: string, fromVal: number, toUnitCode: string, options?: { suggest?: boolean; molecularWeight?: number }): ConvertResult;
    validateUnitString(uStr: string, suggest?: boolean, valConv?: 'validate' | 'convert'): ValidateResult;
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
