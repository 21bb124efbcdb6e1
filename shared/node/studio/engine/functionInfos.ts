import { listFunctions } from '../../../common/functions';
import type { FunctionInfo } from '../../../common/studio';

/** The function library's metadata for the palette; the functions themselves run in the renderer. */
export function functionInfos(): FunctionInfo[] {
  return listFunctions().map((d) => ({
    id: d.id,
    category: d.category,
    label: d.label,
    description: d.description,
    inputs: d.inputs.map((p) => ({ ...p })),
    output: { ...d.output },
    ...(d.replacedBy ? { replacedBy: d.replacedBy } : {}),
    params: (d.params ?? []).map(({ options, ...p }) => ({ ...p, ...(options ? { options: [...options] } : {}) })),
    examples: d.examples.map((e) => ({ inputs: { ...e.inputs }, ...(e.params ? { params: { ...e.params } } : {}), output: e.output })),
  }));
}
