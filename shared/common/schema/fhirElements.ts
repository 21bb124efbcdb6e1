import { choiceVariantName, elementName } from './FhirTypeModel';
import { fhirChildPositions, type FhirPosition, type FhirTypeResolver } from './fhirTree';
import type { SchemaBinding } from './SchemaNode';

/** What the output validator needs of one FHIR element definition. */
export interface FhirElementInfo {
  /** The path as the tree writes it (`Observation.value[x]:valueQuantity`). */
  path: string;
  /** The StructureDefinition that defines the element, and its path there (`HumanName.family`). */
  definedIn: string;
  elementPath: string;
  /** The element's name (`gender`, `value[x]`); a variant's JSON name (`valueQuantity`). */
  name: string;
  min: number;
  max: number | '*';
  types: { code: string; targetTypes?: string[] }[];
  /** A choice (`value[x]`): the JSON property name of each type (`valueQuantity` → `Quantity`). */
  choices?: Record<string, string>;
  binding?: SchemaBinding;
  short?: string;
  isModifier: boolean;
  /** Children defined inline (a backbone element) or by contentReference. */
  isBackbone: boolean;
  contentReference?: string;
}

export function fhirElementInfo(position: FhirPosition): FhirElementInfo {
  const { element, model } = position;
  const rawName = position.isRoot ? model.name : elementName(element.p);
  const variant = position.variantType;
  const info: FhirElementInfo = {
    path: position.path,
    definedIn: model.name,
    elementPath: element.p,
    name: variant !== undefined ? choiceVariantName(rawName, variant) : rawName,
    min: position.isRoot ? 1 : variant !== undefined ? 0 : element.min,
    max: position.isRoot || variant !== undefined ? 1 : element.max === '*' ? '*' : Number(element.max),
    types: (element.t ?? [])
      .filter((type) => variant === undefined || type.c === variant)
      // Copies: the loaded model is shared by every caller.
      .map((type) => (type.tp ? { code: type.c, targetTypes: [...type.tp] } : { code: type.c })),
    isModifier: element.mod === 1,
    isBackbone: !position.isRoot && variant === undefined && (element.cr !== undefined || model.childrenOf(element.p).length > 0),
  };
  if (position.isRoot) info.types = [{ code: model.name }];
  if (variant === undefined && !position.isRoot && rawName.endsWith('[x]')) {
    info.choices = Object.fromEntries((element.t ?? []).map((type) => [choiceVariantName(rawName, type.c), type.c]));
  }
  if (element.b) info.binding = element.b[1] ? { strength: element.b[0] as SchemaBinding['strength'], valueSet: element.b[1] } : { strength: element.b[0] as SchemaBinding['strength'] };
  if (element.s) info.short = element.s;
  if (element.cr) info.contentReference = element.cr;
  return info;
}

/** Element infos of a position's children; a choice stays one element (see `choices`). */
export function fhirChildInfos(resolve: FhirTypeResolver, position: FhirPosition): FhirElementInfo[] {
  return fhirChildPositions(resolve, position).map(fhirElementInfo);
}
