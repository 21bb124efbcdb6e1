import { parseHl7 } from '../../../shared/common/hl7v2';
import { hl7InputOf, type MappingSpec } from '../../../shared/common/mapping/spec/MappingSpec';

/**
 * The message paths that feed a value map's nodes in any map (`PID-8` for the gender map). A
 * segment map's paths read its segment and are message paths too; a data type map's (`CX.5`)
 * depend on where it is called, so they are left out.
 */
export function valueMapInputs(spec: MappingSpec, valueMapId: string): string[] {
  const paths: string[] = [];
  for (const map of spec.maps) {
    if (hl7InputOf(map.sources[0].schema)?.level === 'datatype') continue;
    const nodeIds = new Set(map.nodes.filter((n) => n.kind === 'valueMap' && n.valueMapId === valueMapId).map((n) => n.id));
    for (const link of map.links) {
      if ('node' in link.to && nodeIds.has(link.to.node) && 'source' in link.from) paths.push(link.from.path);
    }
  }
  return paths;
}

/**
 * Every value the samples hold at the given paths (each repetition and segment occurrence), for
 * coverage: codes seen in real messages that a value map does not map yet. Samples that do not
 * parse are skipped here; the preview reports their fault.
 */
export function observedCodes(samples: readonly { text: string }[], paths: readonly string[]): string[] {
  const codes: string[] = [];
  for (const sample of samples) {
    if (sample.text.trim() === '') continue;
    let message;
    try { message = parseHl7(sample.text); } catch { continue; }
    for (const path of paths) {
      try {
        for (const value of message.getAll(path)) if (typeof value === 'string' && value !== '') codes.push(value);
      } catch { /* a path this message cannot address holds no code */ }
    }
  }
  return codes;
}
