import { CrosswalkError } from '../../errors/CrosswalkError';
import type { MapDefinition, MappingSpec } from './MappingSpec';

/**
 * The checks a schema cannot express: map ids unique; within a map, ids unique across its source,
 * targets, nodes and links (they share one namespace, the canvas's); every id a link or node names
 * exists; a map's input and output fit its kind; value maps and called maps exist. Layout entries
 * of removed nodes are not an error (layout is not semantics); normalizeSpec drops them.
 */
export function checkSpecReferences(spec: MappingSpec, where = 'mapping'): void {
  const mapIds = new Set<string>();
  spec.maps.forEach((map, i) => {
    if (mapIds.has(map.id)) {
      throw new CrosswalkError('SPEC_DUPLICATE_ID', `The map id "${map.id}" is used twice; map ids must be unique.`, { path: `${where}.maps[${i}].id` });
    }
    mapIds.add(map.id);
  });
  if (!spec.maps.some((map) => map.kind === 'message')) {
    throw new CrosswalkError('SPEC_NO_MESSAGE_MAP', 'The mapping has no message map, so no message can be mapped; add a map of kind "message".', { path: `${where}.maps` });
  }

  const valueMapIds = new Set<string>();
  spec.valueMaps.forEach((map, i) => {
    if (valueMapIds.has(map.id)) {
      throw new CrosswalkError('SPEC_DUPLICATE_ID', `The value map id "${map.id}" is used twice.`, { path: `${where}.valueMaps[${i}].id` });
    }
    valueMapIds.add(map.id);
  });

  spec.maps.forEach((map, i) => checkMap(map, `${where}.maps[${i}]`, valueMapIds, mapIds));
  checkOneInputKind(spec, where);
}

function checkMap(map: MapDefinition, where: string, valueMapIds: ReadonlySet<string>, mapIds: ReadonlySet<string>): void {
  const kinds = new Map<string, string>();
  const claim = (id: string, kind: string, path: string): void => {
    const previous = kinds.get(id);
    if (previous !== undefined) {
      throw new CrosswalkError('SPEC_DUPLICATE_ID', `The id "${id}" is used twice in map ${map.id} (by a ${previous} and a ${kind}); ids must be unique within a map.`, { path, node: id });
    }
    kinds.set(id, kind);
  };
  map.sources.forEach((source, i) => claim(source.id, 'source', `${where}.sources[${i}].id`));
  map.targets.forEach((target, i) => claim(target.id, 'target', `${where}.targets[${i}].id`));
  map.nodes.forEach((node, i) => claim(node.id, 'node', `${where}.nodes[${i}].id`));
  map.links.forEach((link, i) => claim(link.id, 'link', `${where}.links[${i}].id`));

  checkShape(map, where);

  map.nodes.forEach((node, i) => {
    const path = `${where}.nodes[${i}]`;
    if (node.kind === 'valueMap' && !valueMapIds.has(node.valueMapId)) {
      throw new CrosswalkError('SPEC_UNKNOWN_VALUE_MAP', `Node "${node.id}" of map ${map.id} uses the value map "${node.valueMapId}", which the mapping does not define.`, { map: map.id, path: `${path}.valueMapId`, node: node.id });
    }
    if (node.kind === 'call' && !mapIds.has(node.map)) {
      throw new CrosswalkError('SPEC_UNKNOWN_MAP', `Node "${node.id}" of map ${map.id} applies the map "${node.map}", which the mapping does not define.`, { map: map.id, path: `${path}.map`, node: node.id });
    }
    // In a message map a reference names one of its own targets; elsewhere the compiler checks it
    // against the message map that calls the map.
    if (node.kind === 'reference' && map.kind === 'message' && kinds.get(node.target) !== 'target') {
      throw new CrosswalkError('SPEC_UNKNOWN_TARGET', `Node "${node.id}" of map ${map.id} refers to "${node.target}", which is not a target of the map.`, { path: `${path}.target`, node: node.id });
    }
  });

  map.links.forEach((link, i) => {
    const path = `${where}.links[${i}]`;
    const from = link.from;
    if ('source' in from) {
      if (kinds.get(from.source) !== 'source') throw dangling(map, link.id, `${path}.from.source`, 'source', from.source);
    } else if (kinds.get(from.node) !== 'node') {
      throw dangling(map, link.id, `${path}.from.node`, 'node', from.node);
    }
    const to = link.to;
    if ('target' in to) {
      if (kinds.get(to.target) !== 'target') throw dangling(map, link.id, `${path}.to.target`, 'target', to.target);
    } else if (kinds.get(to.node) !== 'node') {
      throw dangling(map, link.id, `${path}.to.node`, 'node', to.node);
    }
  });
}

/**
 * A message map reads a message (an HL7 v2 structure, a JSON document, a CSV row or file) and
 * writes resources; a segment or data type map reads its kind of input (an HL7 v2 segment or
 * data type, or one JSON value: an object of a JSON document or a CSV row) and writes one output.
 */
function checkShape(map: MapDefinition, where: string): void {
  const input = map.sources[0].schema;
  const fail = (path: string, sentence: string): never => {
    throw new CrosswalkError('SPEC_MAP_SHAPE', sentence, { path: `${where}.${path}` });
  };
  if (map.kind === 'message') {
    if (input.standard === 'hl7v2' && input.structure === undefined) fail('sources[0].schema', `Map ${map.id} is a message map, so its input is a message structure (such as ADT_A01), not a ${input.segment !== undefined ? 'segment' : 'data type'}.`);
    if (input.standard === 'fhir-r4') fail('sources[0].schema', `Map ${map.id} is a message map; its input is an HL7 v2 message, a JSON document or a CSV file, not FHIR.`);
    if (map.when !== undefined) fail('when', `Map ${map.id} is a message map; it says which messages it takes with "accepts", not "when".`);
    if (map.accepts !== undefined && input.standard !== 'hl7v2') fail('accepts', `Map ${map.id} reads ${input.standard === 'json' ? 'JSON' : 'CSV'}; "accepts" tests HL7 v2 MSH-9 and MSH-12, so it has none.`);
    map.targets.forEach((target, i) => {
      if (target.schema.standard === 'fhir-r4' && target.schema.resource === undefined) fail(`targets[${i}].schema`, `Target "${target.id}" of message map ${map.id} must be a FHIR resource type, not the data type ${target.schema.type}.`);
    });
    return;
  }
  const what = map.kind === 'segment' ? 'segment' : 'data type';
  if (input.standard === 'csv') {
    fail('sources[0].schema', `Map ${map.id} is a ${what} map; a CSV file is read by a message map, and a map it calls reads one row as JSON ("standard": "json").`);
  }
  const expected = map.kind === 'segment' ? 'segment' : 'datatype';
  if (input.standard !== 'json' && (input.standard !== 'hl7v2' || input[expected] === undefined)) {
    fail('sources[0].schema', `Map ${map.id} is a ${what} map, so its input is one HL7 v2 ${map.kind === 'segment' ? 'segment (such as PID)' : 'data type (such as CX)'} or one JSON value.`);
  }
  if (map.accepts !== undefined) fail('accepts', `Map ${map.id} is a ${what} map; only message maps accept messages.`);
  if (map.targets.length !== 1) fail('targets', `Map ${map.id} writes one output, but it has ${map.targets.length} targets.`);
  if (map.targets[0].request !== undefined) fail('targets[0].request', `Map ${map.id} writes into the map that calls it, so its output has no transaction request.`);
}

/** The message maps of one mapping read one kind of input: a runtime is handed files of one format. */
function checkOneInputKind(spec: MappingSpec, where: string): void {
  const messages = spec.maps.map((map, i) => ({ map, i })).filter(({ map }) => map.kind === 'message');
  const first = messages[0];
  for (const { map, i } of messages) {
    const standard = map.sources[0].schema.standard;
    const expected = first.map.sources[0].schema.standard;
    if (standard !== expected) {
      throw new CrosswalkError('SPEC_MIXED_INPUTS', `Message map ${map.id} reads ${standard}, but message map ${first.map.id} reads ${expected}; one mapping reads one kind of input.`, { path: `${where}.maps[${i}].sources[0].schema` });
    }
  }
}

function dangling(map: MapDefinition, linkId: string, path: string, kind: string, id: string): CrosswalkError {
  return new CrosswalkError('SPEC_DANGLING_LINK', `Link "${linkId}" of map ${map.id} points at the ${kind} "${id}", which does not exist.`, { path, link: linkId });
}
