import { isForbiddenKey } from '../safety/forbiddenKeys';
import type { FhirDefinitions, FhirElementDefinition, ValueSetCodes } from './FhirDefinitions';
import type { FhirIssue } from './FhirIssue';
import { checkPrimitive, isFhirPrimitiveType, primitiveFormatHint, type FhirPrimitiveType } from './primitives';
import { Decimal } from '../json/Decimal';

export interface ValidateFhirOptions {
  /** Expansions of the value sets of required bindings, by URL (prepareFhirValidator fills this). A binding whose value set is absent here is not checked. */
  valueSets?: ReadonlyMap<string, ValueSetCodes>;
  /** Stop after this many issues (default 100): a badly broken document should not flood the error queue. */
  maxIssues?: number;
}

/** One child element by its JSON name; a choice is listed once per variant. */
interface Slot {
  element: FhirElementDefinition;
  /** The type of this JSON name: the variant's type for a choice, undefined when the element has several (never for non-choices). */
  type: string | undefined;
  /** The choice element (`value[x]`) this variant belongs to. */
  choice?: string;
  isArray: boolean;
}

interface Children {
  slots: Map<string, Slot>;
  /** Elements with min > 0, checked when absent. */
  required: FhirElementDefinition[];
}

// The R4 StructureDefinitions type these System types by FHIRPath name; map them to the FHIR primitive.
const SYSTEM_TYPES: Record<string, FhirPrimitiveType> = {
  'http://hl7.org/fhirpath/System.String': 'string',
  'http://hl7.org/fhirpath/System.Boolean': 'boolean',
  'http://hl7.org/fhirpath/System.Integer': 'integer',
  'http://hl7.org/fhirpath/System.Decimal': 'decimal',
  'http://hl7.org/fhirpath/System.Date': 'date',
  'http://hl7.org/fhirpath/System.DateTime': 'dateTime',
  'http://hl7.org/fhirpath/System.Time': 'time',
};


function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Decimal) return 'a number';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function cardinality(element: FhirElementDefinition): string {
  return `${element.min}..${element.max}`;
}

class StopValidation extends Error {}

const ZONE_AT_END = /(Z|[+-]\d\d:\d\d)$/;

/**
 * `2006-11-20T08:30:00+01:00` → epoch ms, for comparing two full-precision instants; undefined otherwise.
 * (Not `/T.*zone$/`: unanchored, it rescans to the end from every "T" and is quadratic on "TTTT…".)
 */
function instantMs(value: unknown): number | undefined {
  return typeof value === 'string' && value.includes('T') && ZONE_AT_END.test(value) ? Date.parse(value) : undefined;
}

/**
 * The R4 invariants on data types that mappings break most often, written out (FHIRPath over
 * every element would cost more than the rest of validation). Each returns the broken rule.
 */
const INVARIANTS: Record<string, (value: Record<string, unknown>) => string | undefined> = {
  ContactPoint: (v) => (v.value !== undefined && v.system === undefined ? 'cpt-2: a contact point with a value needs a system' : undefined),
  Quantity: (v) => (v.code !== undefined && v.system === undefined ? 'qty-3: a quantity with a unit code needs the unit system' : undefined),
  Period: (v) => {
    const start = instantMs(v.start);
    const end = instantMs(v.end);
    if (start !== undefined && end !== undefined) return start > end ? 'per-1: the period starts after it ends' : undefined;
    // Dates of the same precision compare as text.
    return typeof v.start === 'string' && typeof v.end === 'string' && v.start.length === v.end.length && !v.start.includes('T') && v.start > v.end
      ? 'per-1: the period starts after it ends' : undefined;
  },
};

/**
 * Validates FHIR R4 JSON (a resource, or a Bundle whose entries hold resources) against the
 * element definitions: cardinality, JSON shape per type, primitive formats, required bindings,
 * unknown elements and choice types. It never throws on bad data: every problem is an issue.
 * Create one per definitions source and reuse it: child lookups are cached.
 */
export class FhirValidator {
  private readonly cache = new Map<string, Children | undefined>();
  private readonly maxIssues: number;

  constructor(private readonly definitions: FhirDefinitions, private readonly options: ValidateFhirOptions = {}) {
    this.maxIssues = options.maxIssues ?? 100;
  }

  validate(resource: unknown, rootPath?: string): FhirIssue[] {
    const issues: FhirIssue[] = [];
    try {
      this.resource(resource, rootPath, issues);
      this.bundleReferences(resource, rootPath ?? 'Bundle', issues);
    } catch (error) {
      if (!(error instanceof StopValidation)) throw error;
    }
    return issues;
  }

  /**
   * In a Bundle, a `urn:uuid:`/`urn:oid:` reference can only mean another entry: it must match
   * an entry's fullUrl (this is how Encounter.subject reaches the Patient in a transaction), and
   * fullUrls must be unique. Messages name paths, not the ids.
   */
  private bundleReferences(value: unknown, path: string, issues: FhirIssue[]): void {
    if (typeof value !== 'object' || value === null || (value as { resourceType?: unknown }).resourceType !== 'Bundle') return;
    const entries = (value as { entry?: unknown }).entry;
    if (!Array.isArray(entries)) return;
    const fullUrls = new Set<string>();
    entries.forEach((entry, i) => {
      const fullUrl = (entry as { fullUrl?: unknown } | null)?.fullUrl;
      if (typeof fullUrl !== 'string') return;
      if (fullUrls.has(fullUrl)) {
        this.report(issues, { severity: 'error', code: 'reference', message: `${path}.entry[${i}].fullUrl repeats the fullUrl of an earlier entry.`, path: `${path}.entry[${i}].fullUrl`, expected: 'a fullUrl unique in the Bundle' });
      }
      fullUrls.add(fullUrl);
    });
    const visit = (node: unknown, at: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => visit(item, `${at}[${i}]`));
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      for (const key of Object.keys(node)) {
        const child = (node as Record<string, unknown>)[key];
        if (key === 'reference' && typeof child === 'string' && (child.startsWith('urn:uuid:') || child.startsWith('urn:oid:')) && !fullUrls.has(child)) {
          this.report(issues, { severity: 'error', code: 'reference', message: `${at}.reference points to a urn that no entry of the Bundle has as its fullUrl.`, path: `${at}.reference`, expected: 'the fullUrl of an entry' });
        } else if (typeof child === 'object' && child !== null && !(key === 'resource' && (child as { resourceType?: unknown }).resourceType === 'Bundle')) {
          visit(child, `${at}.${key}`);
        }
      }
    };
    entries.forEach((entry, i) => visit((entry as { resource?: unknown } | null)?.resource, `${path}.entry[${i}].resource`));
  }

  private report(issues: FhirIssue[], issue: FhirIssue): void {
    issues.push(issue);
    if (issues.length >= this.maxIssues) throw new StopValidation();
  }

  private children(type: string, path: string | undefined): Children | undefined {
    const key = path === undefined ? type : `${type}|${path}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let children: Children | undefined;
    try {
      const slots = new Map<string, Slot>();
      const required: FhirElementDefinition[] = [];
      for (const element of this.definitions.fhirChildren(type, path)) {
        const isArray = element.max === '*' || element.max > 1;
        if (element.min > 0) required.push(element);
        if (element.choices) {
          for (const [jsonName, variantType] of Object.entries(element.choices)) slots.set(jsonName, { element, type: variantType, choice: element.name, isArray });
        } else {
          slots.set(element.name, { element, type: element.types.length === 1 ? element.types[0].code : undefined, isArray });
        }
      }
      children = { slots, required };
    } catch {
      // An unknown or unloaded type: reported by the caller as unknown-type.
      children = undefined;
    }
    this.cache.set(key, children);
    return children;
  }

  private resource(value: unknown, path: string | undefined, issues: FhirIssue[]): void {
    const here = path ?? 'Resource';
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(issues, { severity: 'error', code: 'type', message: `${here} is ${describeJson(value)}, but a resource is a JSON object.`, path: here, expected: 'Resource' });
      return;
    }
    const resourceType = (value as Record<string, unknown>).resourceType;
    if (typeof resourceType !== 'string' || !/^[A-Z][A-Za-z]+$/.test(resourceType)) {
      this.report(issues, { severity: 'error', code: 'unknown-type', message: `${here} has no resourceType.`, path: here, expected: 'a resourceType such as Patient' });
      return;
    }
    const children = this.children(resourceType, undefined);
    const resourcePath = path ?? resourceType;
    if (children === undefined) {
      this.report(issues, { severity: 'error', code: 'unknown-type', message: `${resourcePath} has resourceType ${resourceType}, which is not a FHIR R4 resource loaded for validation.`, path: resourcePath });
      return;
    }
    this.object(value as Record<string, unknown>, children, resourceType, resourcePath, issues, true);
  }

  private object(value: Record<string, unknown>, children: Children, ownerType: string, path: string, issues: FhirIssue[], isResource: boolean): void {
    let seenChoices: Map<string, string> | undefined;
    let members = 0;
    for (const key of Object.keys(value)) {
      // JSON.stringify drops undefined members, so they are absent, not invalid.
      if (value[key] === undefined) continue;
      members++;
      if (isResource && key === 'resourceType') continue;
      const memberPath = `${path}.${key}`;
      if (isForbiddenKey(key)) {
        this.report(issues, { severity: 'error', code: 'unknown-element', message: `${memberPath} is not a FHIR element and must never appear in output.`, path: memberPath });
        continue;
      }
      if (key.startsWith('_')) {
        this.primitiveSibling(value, key, children, path, issues);
        continue;
      }
      const slot = children.slots.get(key);
      if (slot === undefined) {
        // Only on the error path: a name that differs in case is almost always what was meant.
        const lower = key.toLowerCase();
        const near = [...children.slots.keys()].find((name) => name.toLowerCase() === lower);
        this.report(issues, {
          severity: 'error', code: 'unknown-element', path: memberPath,
          message: `${memberPath} is not an element of ${ownerType}${near ? `; did you mean ${near}?` : '.'}`,
          ...(near ? { expected: near } : {}),
        });
        continue;
      }
      if (slot.choice !== undefined) {
        seenChoices ??= new Map();
        const other = seenChoices.get(slot.choice);
        if (other !== undefined) {
          this.report(issues, { severity: 'error', code: 'choice', message: `${path} has both ${other} and ${key}, but ${slot.choice} allows only one type.`, path: memberPath, expected: `one of ${Object.keys(slot.element.choices ?? {}).join(', ')}` });
          continue;
        }
        seenChoices.set(slot.choice, key);
      }
      this.member(value[key], slot, ownerType, memberPath, issues, isResource && key === 'id');
    }
    if (members === 0 || (isResource && members === 1)) {
      this.report(issues, { severity: 'error', code: 'empty', message: `${path} has no content; FHIR does not allow empty objects.`, path });
    }
    for (const element of children.required) {
      const present = element.choices
        ? Object.keys(element.choices).some((name) => value[name] !== undefined)
        : value[element.name] !== undefined || value[`_${element.name}`] !== undefined;
      if (!present) {
        // A required choice is named as the definition names it (`value[x]`): any variant would do.
        this.report(issues, { severity: 'error', code: 'cardinality', message: `${path}.${element.name} is required (${cardinality(element)}) but missing.`, path: `${path}.${element.name}`, expected: cardinality(element) });
      }
    }
  }

  /** `_birthDate`: the id and extensions of a primitive; allowed only beside a primitive element. */
  private primitiveSibling(value: Record<string, unknown>, key: string, children: Children, path: string, issues: FhirIssue[]): void {
    const memberPath = `${path}.${key}`;
    const slot = children.slots.get(key.slice(1));
    const type = slot?.type;
    if (slot === undefined || type === undefined || !(isFhirPrimitiveType(type) || SYSTEM_TYPES[type] !== undefined)) {
      this.report(issues, { severity: 'error', code: 'unknown-element', message: `${memberPath} does not belong to a primitive element.`, path: memberPath });
      return;
    }
    const elementChildren = this.children('Element', undefined);
    const items = slot.isArray && Array.isArray(value[key]) ? (value[key] as unknown[]) : [value[key]];
    items.forEach((item, index) => {
      if (item === null && slot.isArray) return; // a placeholder for an item without id/extension
      const itemPath = slot.isArray ? `${memberPath}[${index}]` : memberPath;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.report(issues, { severity: 'error', code: 'type', message: `${itemPath} is ${describeJson(item)}, but it must be an object holding id and extension.`, path: itemPath });
      } else if (elementChildren) {
        this.object(item as Record<string, unknown>, elementChildren, 'Element', itemPath, issues, false);
      }
    });
  }

  private member(value: unknown, slot: Slot, ownerType: string, path: string, issues: FhirIssue[], isResourceId: boolean): void {
    const { element } = slot;
    if (value === null) {
      this.report(issues, { severity: 'error', code: 'empty', message: `${path} is null; leave an element out instead of writing null.`, path });
      return;
    }
    if (slot.isArray) {
      if (!Array.isArray(value)) {
        this.report(issues, { severity: 'error', code: 'type', message: `${path} is ${describeJson(value)}, but it repeats (${cardinality(element)}) and must be an array.`, path, expected: 'an array' });
        return;
      }
      if (value.length === 0) {
        this.report(issues, { severity: 'error', code: 'cardinality', message: `${path} is an empty array; leave it out instead.`, path, expected: cardinality(element) });
        return;
      }
      if (element.max !== '*' && value.length > element.max) {
        this.report(issues, { severity: 'error', code: 'cardinality', message: `${path} has ${value.length} items but allows at most ${element.max}.`, path, expected: cardinality(element) });
      }
      if (value.length < element.min) {
        this.report(issues, { severity: 'error', code: 'cardinality', message: `${path} has ${value.length} items but needs at least ${element.min}.`, path, expected: cardinality(element) });
      }
      value.forEach((item, index) => this.item(item, slot, ownerType, `${path}[${index}]`, issues, false));
      return;
    }
    if (Array.isArray(value)) {
      this.report(issues, { severity: 'error', code: 'type', message: `${path} is an array, but it does not repeat (${cardinality(element)}).`, path, expected: cardinality(element) });
      return;
    }
    this.item(value, slot, ownerType, path, issues, isResourceId);
  }

  private item(value: unknown, slot: Slot, ownerType: string, path: string, issues: FhirIssue[], isResourceId: boolean): void {
    const { element } = slot;
    if (value === null) {
      this.report(issues, { severity: 'error', code: 'empty', message: `${path} is null; leave an element out instead of writing null.`, path });
      return;
    }
    if (element.isBackbone && slot.choice === undefined) {
      const children = this.children(ownerType, element.path);
      if (typeof value !== 'object' || Array.isArray(value) || value instanceof Decimal) {
        this.report(issues, { severity: 'error', code: 'type', message: `${path} is ${describeJson(value)}, but it is a group of elements and must be an object.`, path, expected: 'an object' });
      } else if (children) {
        this.object(value as Record<string, unknown>, children, ownerType, path, issues, false);
      }
      return;
    }
    const rawType = slot.type;
    if (rawType === undefined) return; // several types without a choice name: cannot happen in R4
    if (rawType === 'Resource' || rawType === 'DomainResource') {
      this.resource(value, path, issues);
      return;
    }
    const type: string = isResourceId ? 'id' : (SYSTEM_TYPES[rawType] ?? rawType);
    if (isFhirPrimitiveType(type)) {
      const reason = checkPrimitive(type, value);
      if (reason !== undefined) {
        this.report(issues, { severity: 'error', code: typeof value === 'object' && !(value instanceof Decimal) ? 'type' : 'format', message: `${path} is not a valid ${type}: ${reason}.`, path, expected: `${type} (${primitiveFormatHint(type)})` });
        return;
      }
      if (type === 'code') this.binding(element, value as string, undefined, path, issues);
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value) || value instanceof Decimal) {
      this.report(issues, { severity: 'error', code: 'type', message: `${path} is ${describeJson(value)}, but a ${type} is a JSON object.`, path, expected: type });
      return;
    }
    const children = this.children(type, undefined);
    if (children === undefined) {
      this.report(issues, { severity: 'error', code: 'unknown-type', message: `${path} has type ${type}, which is not loaded for validation.`, path });
      return;
    }
    this.object(value as Record<string, unknown>, children, type, path, issues, false);
    const invariant = INVARIANTS[type];
    if (invariant !== undefined) {
      const broken = invariant(value as Record<string, unknown>);
      if (broken !== undefined) this.report(issues, { severity: 'error', code: 'invariant', message: `${path} breaks ${broken}.`, path, expected: broken.split(':')[0] });
    }
    if (element.binding?.strength === 'required' && (type === 'Coding' || type === 'CodeableConcept')) {
      const record = value as Record<string, unknown>;
      const codings = type === 'Coding' ? [record] : Array.isArray(record.coding) ? (record.coding as unknown[]) : [];
      this.codingBinding(element, codings, path, issues);
    }
  }

  private binding(element: FhirElementDefinition, code: string, system: string | undefined, path: string, issues: FhirIssue[]): void {
    const binding = element.binding;
    if (binding?.strength !== 'required' || binding.valueSet === undefined) return;
    const url = binding.valueSet.split('|')[0];
    const valueSet = this.options.valueSets?.get(url);
    if (valueSet === undefined) return;
    if (valueSet.codes.has(system === undefined ? code : `${system}|${code}`)) return;
    this.report(issues, {
      severity: valueSet.complete ? 'error' : 'warning', code: 'binding',
      message: valueSet.complete
        ? `${path} has a code that is not in the required value set ${url}.`
        : `${path} has a code not found in the part of the required value set ${url} that could be expanded here.`,
      path, expected: url,
    });
  }

  private codingBinding(element: FhirElementDefinition, codings: unknown[], path: string, issues: FhirIssue[]): void {
    const url = element.binding?.valueSet?.split('|')[0];
    const valueSet = url === undefined ? undefined : this.options.valueSets?.get(url);
    if (url === undefined || valueSet === undefined) return;
    const found = codings.some((c) => {
      if (typeof c !== 'object' || c === null) return false;
      const { system, code } = c as { system?: unknown; code?: unknown };
      return typeof code === 'string' && typeof system === 'string' && valueSet.codes.has(`${system}|${code}`);
    });
    if (found) return;
    this.report(issues, {
      severity: valueSet.complete ? 'error' : 'warning', code: 'binding',
      message: `${path} has no coding from the required value set ${url}.`, path, expected: url,
    });
  }
}

const shared = new WeakMap<FhirDefinitions, FhirValidator>();

/**
 * Validates a resource or Bundle. Without `options` the validator (and its lookup cache) is
 * shared per definitions object; required bindings are checked only for value sets given in
 * `options.valueSets` — use prepareFhirValidator to have them all.
 */
export function validateFhir(resource: unknown, definitions: FhirDefinitions, options?: ValidateFhirOptions): FhirIssue[] {
  if (options !== undefined) return new FhirValidator(definitions, options).validate(resource);
  let validator = shared.get(definitions);
  if (validator === undefined) {
    validator = new FhirValidator(definitions);
    shared.set(definitions, validator);
  }
  return validator.validate(resource);
}
