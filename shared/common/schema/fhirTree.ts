import { CrosswalkError } from '../errors/CrosswalkError';
import type { FhirCompactElement } from './compact';
import { choiceVariantName, elementName, type FhirTypeModel } from './FhirTypeModel';
import type { SchemaBinding, SchemaNode } from './SchemaNode';

/** Loaded type models by name; the catalog loads them before it asks for a tree. */
export type FhirTypeResolver = (name: string) => FhirTypeModel | undefined;

/**
 * A place in a FHIR tree: the StructureDefinition that defines the element, the element, the
 * chosen type of a choice variant, and the node path in the tree's grammar.
 */
export interface FhirPosition {
  model: FhirTypeModel;
  element: FhirCompactElement;
  /** The node's path: `Patient.name.family`, `Observation.value[x]:valueQuantity`. */
  path: string;
  /** Set on a choice variant: its type. */
  variantType?: string;
  isRoot?: boolean;
}

export interface FhirTreeOptions {
  /** Levels of children to load below the returned node (0 = the node alone). Default 2. */
  depth?: number;
  /** Leave out `extension`, `modifierExtension` and element `id`s, which every element has. Default false. */
  hideBoilerplate?: boolean;
}

const BOILERPLATE = new Set(['extension', 'modifierExtension']);

function isChoice(position: FhirPosition): boolean {
  return position.variantType === undefined && !position.isRoot && position.element.p.endsWith('[x]');
}

/** The one type of a non-choice position, or undefined for a choice or an inline backbone. */
function typeCode(position: FhirPosition): string | undefined {
  if (position.variantType !== undefined) return position.variantType;
  if (position.isRoot) return position.model.name;
  const types = position.element.t ?? [];
  return types.length === 1 ? types[0].c : undefined;
}

function isBackbone(position: FhirPosition): boolean {
  if (position.isRoot || position.variantType !== undefined) return false;
  return position.element.cr !== undefined || position.model.childrenOf(position.element.p).length > 0;
}

/** The children of a position, in definition order; choices split into one variant per type. */
export function fhirChildPositions(resolve: FhirTypeResolver, position: FhirPosition, options: FhirTreeOptions = {}): FhirPosition[] {
  if (isChoice(position)) {
    const name = elementName(position.element.p);
    return (position.element.t ?? []).map((type) => ({
      model: position.model, element: position.element, variantType: type.c,
      path: `${position.path}:${choiceVariantName(name, type.c)}`,
    }));
  }
  let model = position.model;
  let elements: FhirCompactElement[];
  if (position.isRoot) elements = model.childrenOf(model.name);
  else if (position.variantType === undefined && position.element.cr !== undefined) elements = model.childrenOf(position.element.cr);
  else if (position.variantType === undefined && model.childrenOf(position.element.p).length > 0) elements = model.childrenOf(position.element.p);
  else {
    const code = typeCode(position);
    const typeModel = code === undefined ? undefined : resolve(code);
    if (!typeModel || typeModel.kind === 'primitive-type') return [];
    model = typeModel;
    elements = model.childrenOf(model.name);
  }
  const hideBoilerplate = options.hideBoilerplate === true;
  const children: FhirPosition[] = [];
  for (const element of elements) {
    const name = elementName(element.p);
    // A resource's own id is content; every other element's id is boilerplate.
    if (hideBoilerplate && (BOILERPLATE.has(name) || (name === 'id' && !(model.kind === 'resource' && element.p === `${model.name}.id`)))) continue;
    children.push({ model, element, path: `${position.path}.${name}` });
  }
  return children;
}

function hasChildren(resolve: FhirTypeResolver, position: FhirPosition): boolean {
  if (isChoice(position) || isBackbone(position)) return true;
  if (position.isRoot) return position.model.childrenOf(position.model.name).length > 0;
  const code = typeCode(position);
  const model = code === undefined ? undefined : resolve(code);
  return model !== undefined && model.kind !== 'primitive-type' && model.childrenOf(model.name).length > 0;
}

/** The node for one position, without children. */
export function fhirNode(resolve: FhirTypeResolver, position: FhirPosition): SchemaNode {
  const { element, model } = position;
  if (position.isRoot) {
    return {
      id: position.path, path: position.path, name: model.name, label: model.name, description: model.description,
      kind: model.kind === 'resource' ? 'resource' : 'type', dataType: model.name,
      min: 1, max: 1, repeating: false, hasChildren: hasChildren(resolve, position),
    };
  }
  const choiceName = elementName(element.p);
  const name = position.variantType !== undefined ? choiceVariantName(choiceName, position.variantType) : choiceName;
  const max = element.max === '*' ? '*' : Number(element.max);
  const node: SchemaNode = {
    id: position.path, path: position.path, name, label: name,
    kind: position.variantType !== undefined ? 'choiceVariant' : isChoice(position) ? 'choice' : isBackbone(position) ? 'backbone' : 'element',
    // A variant is one of the choice's types: the choice's cardinality applies to it, never repeating.
    min: position.variantType !== undefined ? 0 : element.min,
    max: position.variantType !== undefined ? 1 : max,
    repeating: position.variantType === undefined && max !== 1,
    hasChildren: hasChildren(resolve, position),
  };
  if (element.s) node.description = element.s;
  if (element.mod) node.modifier = true;
  const types = element.t ?? [];
  if (node.kind === 'choice') node.types = types.map((t) => t.c);
  else if (node.kind === 'backbone') node.dataType = element.cr !== undefined ? 'BackboneElement' : types[0]?.c ?? 'BackboneElement';
  else node.dataType = typeCode(position);
  const targets = types.find((t) => t.c === node.dataType)?.tp;
  if (targets && node.kind !== 'choice') node.targetTypes = [...targets];
  if (element.b) {
    const binding: SchemaBinding = { strength: element.b[0] as SchemaBinding['strength'] };
    if (element.b[1]) binding.valueSet = element.b[1];
    node.binding = binding;
  }
  return node;
}

/** The node at `position` with `depth` levels of children loaded; deeper nodes are marked `hasChildren`. */
export function fhirSubtree(resolve: FhirTypeResolver, position: FhirPosition, depth: number, options: FhirTreeOptions = {}): SchemaNode {
  const node = fhirNode(resolve, position);
  if (!node.hasChildren) node.children = [];
  else if (depth > 0) node.children = fhirChildPositions(resolve, position, options).map((child) => fhirSubtree(resolve, child, depth - 1, options));
  return node;
}

export function fhirRootPosition(model: FhirTypeModel): FhirPosition {
  return { model, element: model.root, path: model.name, isRoot: true };
}

/**
 * The position of a path: `Patient.contact.name.family`, `Observation.value[x]:valueQuantity.unit`,
 * or with a choice written as FHIR JSON writes it, `Observation.valueQuantity.unit`.
 */
export function resolveFhirPath(resolve: FhirTypeResolver, root: FhirTypeModel, path: string): FhirPosition {
  const steps = path.split('.');
  if (steps[0] !== root.name) {
    throw new CrosswalkError('SCHEMA_UNKNOWN_PATH', `The path ${path} does not start with ${root.name}.`, { path });
  }
  let position = fhirRootPosition(root);
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i];
    const children = fhirChildPositions(resolve, position);
    const [choicePart, variantPart] = step.split(':', 2);
    let next = children.find((child) => elementName(child.element.p) === choicePart && child.variantType === undefined);
    if (next && variantPart !== undefined) {
      next = fhirChildPositions(resolve, next).find((variant) => variant.path.endsWith(`:${variantPart}`));
    } else if (!next && variantPart === undefined) {
      // `valueQuantity`: the variant of whichever choice child it belongs to.
      for (const child of children) {
        if (!isChoice(child)) continue;
        const variant = fhirChildPositions(resolve, child).find((v) => v.path.endsWith(`:${step}`));
        if (variant) { next = variant; break; }
      }
    }
    if (!next) {
      const known = children.map((child) => elementName(child.element.p));
      throw new CrosswalkError('SCHEMA_UNKNOWN_PATH',
        `${steps.slice(0, i).join('.')} has no element ${step}; it has ${known.length > 0 ? known.join(', ') : 'no children'}.`, { path });
    }
    position = next;
  }
  return position;
}
