import type { FhirCompactElement, FhirTypeIndex } from './compact';

/** One FHIR StructureDefinition's elements, indexed by path and by parent for tree walks. */
export class FhirTypeModel {
  readonly name: string;
  readonly kind: FhirTypeIndex['kind'];
  readonly description: string;
  readonly root: FhirCompactElement;
  /** A resource's search parameters (code → [type, expression]); empty for a data type. */
  readonly searchParameters: Readonly<Record<string, [string, string]>>;
  private readonly byPath = new Map<string, FhirCompactElement>();
  private readonly byParent = new Map<string, FhirCompactElement[]>();

  constructor(index: FhirTypeIndex) {
    this.name = index.name;
    this.kind = index.kind;
    this.description = index.d;
    this.root = index.e[0] ?? { p: index.name, min: 0, max: '*' };
    this.searchParameters = index.sp ?? {};
    for (const element of index.e) {
      this.byPath.set(element.p, element);
      const dot = element.p.lastIndexOf('.');
      if (dot < 0) continue;
      const parent = element.p.slice(0, dot);
      const siblings = this.byParent.get(parent);
      if (siblings) siblings.push(element);
      else this.byParent.set(parent, [element]);
    }
  }

  element(path: string): FhirCompactElement | undefined {
    return this.byPath.get(path);
  }

  /** Elements defined inline under `path` (the type's root, or a backbone element). */
  childrenOf(path: string): FhirCompactElement[] {
    return this.byParent.get(path) ?? [];
  }

  /** The primitive's value regex (`date`, `dateTime` ...), from its `value` element. */
  get valueRegex(): string | undefined {
    return this.byPath.get(`${this.name}.value`)?.rx;
  }
}

/** The last step of an element path: `Patient.contact.name` → `name`. */
export function elementName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** `value[x]` + `Quantity` → `valueQuantity`, as FHIR JSON names a choice's typed property. */
export function choiceVariantName(choiceName: string, typeCode: string): string {
  return choiceName.replace(/\[x\]$/, '') + typeCode.charAt(0).toUpperCase() + typeCode.slice(1);
}
