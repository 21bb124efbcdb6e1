import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { formatPath, parsePath, type Hl7Path } from '../../hl7v2';

/**
 * How the paths of a called map are read in the place it is called from. A segment map reads
 * `PID-8` of the segment it was given; a data type map reads `CX.4.1` of the composite it was
 * given (`PID-3` → `PID-3.4.1`, or `PID-3.4` → `PID-3.4.1` for an HD given as one component).
 * Rewriting the called map's paths into the caller's once, at compile time, is what lets the
 * compiler inline it: at run time a map call costs what the same links written flat cost.
 */
export type PathRewrite = (path: string, where: ErrorLocation) => string;

export const identityRewrite: PathRewrite = (path) => path;

/** `CX`, `CX.4`, `CX.4.2`: a path into a composite, as the IG's data type maps write it. */
export function parseDatatypePath(text: string): { type: string; component?: number; subcomponent?: number } | undefined {
  const m = /^([A-Z][A-Z0-9]{1,3})(?:\.([1-9]\d{0,3})(?:\.([1-9]\d{0,3}))?)?$/.exec(text);
  if (!m) return undefined;
  return { type: m[1], ...(m[2] ? { component: Number(m[2]) } : {}), ...(m[3] ? { subcomponent: Number(m[3]) } : {}) };
}

/**
 * The rewrite for a segment map given `given` (`PID`, or `OBX[2]` for a named occurrence): paths
 * on its own segment keep their text (the scope binds the segment) or gain the occurrence; paths
 * on other segments are read in the caller's context (`OBR-7` inside an OBSERVATION group).
 */
export function segmentRewrite(segment: string, given: { occurrence?: number }): PathRewrite {
  if (given.occurrence === undefined) return identityRewrite;
  const occurrence = given.occurrence;
  return (path) => {
    if (path === segment) return `${segment}[${occurrence}]`;
    if (!path.startsWith(`${segment}-`)) return path;
    return formatPath({ ...parsePath(path), occurrence });
  };
}

/**
 * The rewrite for a data type map of type `type` given the composite at `given` (a field
 * repetition or a component, in the caller's terms): `CX.n` is component n of the field, or
 * subcomponent n of the component; `CX.n.m` is subcomponent m of component n of a field.
 */
export function datatypeRewrite(type: string, given: Hl7Path, mapId: string): PathRewrite {
  return (path, where) => {
    const p = parseDatatypePath(path);
    if (!p || p.type !== type) return path;
    if (p.component === undefined) return formatPath(given);
    if (given.subcomponent !== undefined) {
      throw new CrosswalkError('MAP_INPUT_TOO_DEEP', `Map ${mapId} reads ${path}, but it was given the subcomponent ${formatPath(given)}, which has no parts.`, { ...where, path });
    }
    if (given.component !== undefined) {
      if (p.subcomponent !== undefined) {
        throw new CrosswalkError('MAP_INPUT_TOO_DEEP', `Map ${mapId} reads ${path}, but it was given the component ${formatPath(given)}, whose parts are subcomponents with no parts of their own.`, { ...where, path });
      }
      return formatPath({ ...given, subcomponent: p.component });
    }
    return formatPath({ ...given, component: p.component, ...(p.subcomponent !== undefined ? { subcomponent: p.subcomponent } : {}) });
  };
}
