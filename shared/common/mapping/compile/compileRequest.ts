import { CrosswalkError, type ErrorLocation } from '../../errors/CrosswalkError';
import { choiceVariantName } from '../../schema/FhirTypeModel';
import type { Target } from '../spec/MappingSpec';
import type { FhirSearchParameterInfo } from '../../schema/SchemaCatalog';
import type { FhirElementLookup } from './FhirElementLookup';

/** One element a search parameter reads its values from: JSON property names from the resource root, and the element's FHIR type. */
export interface SearchRead {
  steps: string[];
  type: string;
}

export interface SearchPlan {
  name: string;
  reads: SearchRead[];
  /** Only identifiers whose type has this code give values. */
  ofType?: string;
}

/** A target's transaction request, compiled: what executeMapping needs per resource. */
export interface RequestPlan {
  method: 'POST' | 'PUT';
  /** Present for a conditional request. */
  search?: SearchPlan[];
  otherwise: 'fail' | 'create';
  sameRecord: 'fail' | 'merge';
}

/** The FHIR types a token parameter's value is written from (a token's system|code or system|value). */
const TOKEN_TYPES = new Set(['Identifier', 'Coding', 'CodeableConcept', 'ContactPoint', 'code', 'string', 'id', 'boolean', 'uri']);
const URI_TYPES = new Set(['uri', 'url', 'canonical']);

/** `Patient.identifier`, `Encounter.participant.individual`, and the cast `(Observation.value as CodeableConcept)`. */
const PLAIN_PATH = /^([A-Z][A-Za-z]*)((?:\.[a-z][A-Za-z]*)+)$/;
const CAST_PATH = /^\(([A-Z][A-Za-z]*)((?:\.[a-z][A-Za-z]*)+) as ([A-Za-z]+)\)$/;

/**
 * Compiles a message-map target's `request`: each search parameter is looked up among the FHIR R4
 * search parameters of the target's resource, and its expression turned into element reads, so a
 * resource's search values are the ones a server indexes for it. Token and uri parameters on plain
 * element paths are supported; anything else is refused here, naming the parameter.
 */
export function compileRequest(target: Target, resourceType: string, elements: FhirElementLookup, where: ErrorLocation): RequestPlan {
  const request = target.request;
  const plan: RequestPlan = { method: request?.method ?? 'POST', otherwise: request?.otherwise ?? 'fail', sameRecord: request?.sameRecord ?? 'fail' };
  if (!request?.search) return plan;
  const lookup = elements.fhirSearchParameter?.bind(elements);
  if (!lookup) {
    throw new CrosswalkError('MAP_REQUEST_SEARCH', `Target "${target.id}" searches by FHIR search parameters, but this compiler was given no search parameter definitions.`, where);
  }
  const seen = new Set<string>();
  plan.search = request.search.map(({ name, ofType }, i) => {
    const at = { ...where, path: `${where.path ?? ''}.request.search[${i}]` };
    if (seen.has(name)) throw new CrosswalkError('MAP_REQUEST_SEARCH', `Target "${target.id}" searches by ${name} twice; list each parameter once (a parameter with several values already matches any of them).`, at);
    seen.add(name);
    const parameter = lookup(resourceType, name);
    if (!parameter) throw new CrosswalkError('MAP_REQUEST_SEARCH', `FHIR R4 ${resourceType} has no search parameter "${name}".`, at);
    const reads = searchReads(resourceType, parameter, elements);
    if (typeof reads === 'string') throw new CrosswalkError('MAP_REQUEST_SEARCH', reads, at);
    if (ofType !== undefined && reads.some((read) => read.type !== 'Identifier')) {
      throw new CrosswalkError('MAP_REQUEST_SEARCH', `The search parameter ${name} of ${resourceType} does not read identifiers, so it cannot pick them by type (ofType).`, at);
    }
    return ofType === undefined ? { name, reads } : { name, reads, ofType };
  });
  return plan;
}

/**
 * The element reads of a search parameter, or the sentence saying why a conditional request
 * cannot search by it (the studio lists it with the parameters, compiling refuses with it).
 */
export function searchReads(resourceType: string, parameter: FhirSearchParameterInfo, elements: FhirElementLookup): SearchRead[] | string {
  const { name } = parameter;
  const allowed = parameter.type === 'token' ? TOKEN_TYPES : parameter.type === 'uri' ? URI_TYPES : undefined;
  if (!allowed) {
    return `The search parameter ${name} of ${resourceType} is a ${parameter.type} parameter; a conditional request searches by token or uri parameters (identifier, code, status …), which match exactly.`;
  }
  const reads: SearchRead[] = [];
  for (const part of parameter.expression.split(' | ').map((p) => p.trim())) {
    const read = readOf(part, resourceType, elements);
    if (!read || !allowed.has(read.type)) return `The search parameter ${name} of ${resourceType} reads "${part}", which this engine cannot read from a resource; choose a parameter on a plain element path.`;
    reads.push(read);
  }
  return reads;
}

function readOf(expression: string, resourceType: string, elements: FhirElementLookup): SearchRead | undefined {
  const cast = CAST_PATH.exec(expression);
  const plain = cast ? undefined : PLAIN_PATH.exec(expression);
  const match = cast ?? plain;
  if (!match || match[1] !== resourceType) return undefined;
  const steps = match[2].slice(1).split('.');
  if (cast) {
    const last = steps.length - 1;
    steps[last] = choiceVariantName(steps[last], cast[3]);
  }
  const element = elements.fhirElement(resourceType, `${resourceType}.${steps.join('.')}`);
  const type = element?.types.length === 1 ? element.types[0].code : undefined;
  return type === undefined ? undefined : { steps, type };
}
