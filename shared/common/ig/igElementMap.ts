import type { From, MapBuilder } from '../mapping/build/MapBuilder';
import type { TargetStep } from '../mapping/compile/targetPath';
import { parseIgAttribute, resolveIgAttribute, type ResolvedAttribute } from './igAttribute';
import { igConcatenation, translateIgCondition, type IgConditionContext } from './igCondition';
import type { FhirTypeName, IgImporter, Unusable } from './IgImporter';
import { aResource, type IgNoteReason } from './IgImportResult';
import { igNames, type IgElementRow, type IgTable } from './IgTables';

/** A field of the segment in the chosen v2 version. */
export interface SegmentField {
  path: string;
  repeating: boolean;
  dataType?: string;
}

export interface ElementMapInput {
  kind: 'segment' | 'datatype';
  /** The segment (`PID`) or data type (`CX`) the map reads. */
  input: string;
  output: FhirTypeName;
  /** Segment maps: the segment's fields in the chosen version. */
  fields?: SegmentField[];
  /** A map that fills a part of its output resource (`source` of MessageHeader): its rows write below it. */
  within?: string;
}

/** A row that will become a link: where it writes, and how to make its value on the canvas. */
interface RowPlan {
  row: IgElementRow;
  label: string;
  /** What the row reads (`PID-5`, `CX.4`). */
  source: string;
  /** The field a context over it iterates (segment maps: the row's field). */
  field?: SegmentField;
  resolved: ResolvedAttribute;
  condition?: string;
  /** The path it writes, every IG item number dropped. */
  path: string;
  /** What it writes there (and, for a coded concept with a vocabulary map, its translated coding too). */
  links: Array<{ path: string; value: (b: MapBuilder, inContext: boolean) => From }>;
  /** A fixed value (a url, a code): it only completes what the element's other rows write. */
  constant?: boolean;
  /** The element that repeats and that the IG numbers, where the row's value goes into one item. */
  item?: { depth: number; prefix: string; index: number };
}

type Planned = RowPlan | (Unusable & { words: Array<string | undefined> }) | 'unmapped';

const DATE_MAPS: Record<string, string> = { date: 'DTM[date]', dateTime: 'DTM[dateTime]', instant: 'DTM[instant]' };

const unusable = (reason: IgNoteReason, detail: string, words: Array<string | undefined> = []): Unusable & { words: Array<string | undefined> } => ({ reason, detail, words });

/** The spec path of a resolved attribute with IG item numbers dropped (`Patient.identifier.value`). */
function pathOf(resolved: ResolvedAttribute, from = 0, to = resolved.steps.length): string {
  return [resolved.path.split('.')[0], ...resolved.steps.slice(from, to).map((s) => s.specPath.split('.').pop() as string)].join('.');
}

function lastStep(resolved: ResolvedAttribute, output: FhirTypeName): { type: string; primitive: boolean; repeating: boolean } {
  const step: TargetStep | undefined = resolved.steps[resolved.steps.length - 1];
  if (!step) return { type: output.name, primitive: output.kind === 'primitive', repeating: false };
  return { type: step.type, primitive: step.primitive !== undefined, repeating: step.repeating };
}

/**
 * Writes the links of one segment or data type map from its IG table, row by row. A row becomes
 * a link from its element (through the data type map, vocabulary map or constant it names, and a
 * condition node when the IG gives a computable condition) to its FHIR attribute; the IG's item
 * numbers (`identifier[2]`, `extension[1].url` + `extension[1].valueString`) become the link
 * order, and a context from the row's field where one item gathers several rows. Every other row
 * becomes a note with the IG's words (IgImporter.note), or is counted as left unmapped by the IG.
 */
export async function buildElementMap(importer: IgImporter, b: MapBuilder, table: IgTable<IgElementRow>, input: ElementMapInput): Promise<void> {
  const plans: Array<{ row: IgElementRow; label: string; planned: Planned }> = [];
  for (const row of table.rows) {
    const label = [
      row.element || input.input,
      row.attribute ? ` → ${row.attribute.replace(/\s+/g, ' ')}` : '',
      row.assignment ? ` = ${row.assignment.replace(/\s+/g, ' ')}` : '',
      row.datatypeMap ? ` via ${row.datatypeMap}` : '',
      row.vocabulary ? ` via ${row.vocabulary.replace(/\s+/g, ' ')}` : '',
    ].join('');
    plans.push({ row, label, planned: await planRow(importer, row, input) });
  }
  // A constant completes an element the other rows of its field write (extension[1].url beside
  // extension[1].valueString, performer.function beside performer.actor): where those rows are all
  // notes, the constant alone would write an element with nothing in it but itself.
  const incomplete = new Set<RowPlan>();
  const byElement = new Map<string, Array<Planned>>();
  for (const { row, planned } of plans) {
    const key = elementKey(row, input);
    if (key !== undefined && planned !== 'unmapped') byElement.set(key, [...(byElement.get(key) ?? []), planned]);
  }
  for (const group of byElement.values()) {
    const planned = group.filter((p): p is RowPlan => typeof p === 'object' && 'resolved' in p);
    if (planned.length < group.length && planned.every((p) => p.constant)) for (const p of planned) incomplete.add(p);
  }
  let linked = plans.filter((p): p is { row: IgElementRow; label: string; planned: RowPlan } => typeof p.planned === 'object' && 'resolved' in p.planned && !incomplete.has(p.planned));
  // An element FHIR R4 requires inside a backbone element the rows write (Encounter.location.location,
  // a reference the IG makes in words): without it, whatever else they write there is invalid.
  const unfilled = new Map<RowPlan, string>();
  // A data type map named after a part of the resource writes there itself (HD[MessageHeader.source-name]): its rows' own paths say where.
  const written = linked.flatMap((p) => p.planned.links.map((l) => (l.path === input.output.name ? p.planned.path : l.path)));
  const parts = linked.filter((p) => p.planned.links.some((l) => l.path === input.output.name)).map((p) => p.planned.path);
  for (const { planned } of input.kind === 'segment' ? linked : []) {
    for (let depth = 1; depth < planned.resolved.steps.length && !unfilled.has(planned); depth++) {
      const within = pathOf(planned.resolved, 0, depth);
      if (importer.catalog.fhirElement(input.output.name, within)?.isBackbone !== true || parts.some((p) => p.startsWith(`${within}.`))) continue;
      const missing = importer.catalog.fhirChildren(input.output.name, within).find((child) => child.min >= 1 && !written.some((w) => w === `${within}.${child.name}` || w.startsWith(`${within}.${child.name}.`) || w.startsWith(`${within}.${child.name}:`)));
      if (missing) unfilled.set(planned, `it writes into ${within}, where FHIR R4 requires ${missing.name}, which no row here fills`);
    }
  }
  linked = linked.filter((p) => !unfilled.has(p.planned));

  // An element item that several rows fill (extension[1].url + extension[1].valueString) is made
  // by a context from the row's field; every row that writes into such an element then goes
  // through a context of its own field, so each link finds its item by the field it reads.
  const itemPrefixes = new Set(linked.filter((p) => p.planned.item && p.planned.item.prefix !== p.planned.path).map((p) => p.planned.item?.prefix as string));
  const itemOfField = new Map<string, number>();
  const firstItem = new Map<string, number>();
  const blocked = new Set<RowPlan>();
  for (const { planned } of linked) {
    const prefix = contextPrefix(planned, itemPrefixes);
    if (prefix === undefined) continue;
    const index = itemIndex(planned, prefix);
    if (input.kind === 'datatype') {
      // A component cannot be iterated: the first item is written in place, a second cannot be.
      const first = firstItem.get(prefix) ?? index;
      firstItem.set(prefix, first);
      if (first !== index) blocked.add(planned);
      continue;
    }
    // One field gives one item per repetition: a second item numbered from the same field
    // (PID-12 → address[1] and address[2]) cannot be told apart from the first.
    const key = `${prefix}|${planned.field?.path ?? planned.source}`;
    const seen = itemOfField.get(key);
    if (seen !== undefined && seen !== index) blocked.add(planned);
    else itemOfField.set(key, index);
  }

  // A context's rows that share one condition have it on the context (it may read other fields,
  // which a link inside could not, since the field a link reads tells its context apart).
  const contextCondition = new Map<string, string | undefined | null>();
  for (const { planned } of linked) {
    const prefix = input.kind === 'segment' && !blocked.has(planned) ? contextPrefix(planned, itemPrefixes) : undefined;
    if (prefix === undefined) continue;
    const key = `${prefix}|${itemIndex(planned, prefix)}|${planned.field?.path ?? planned.source}`;
    const seen = contextCondition.get(key);
    contextCondition.set(key, seen === undefined && !contextCondition.has(key) ? planned.condition : seen === planned.condition ? seen : null);
  }

  // A row filtered by a condition that reads the field of another item of the same element
  // (PID-12 → address[1].district IF PID-11 …) would belong to both items' contexts.
  const contextFields = new Map<string, Set<string>>();
  for (const key of contextCondition.keys()) {
    const [prefix, , field] = key.split('|');
    contextFields.set(prefix, (contextFields.get(prefix) ?? new Set<string>()).add(field));
  }
  const ambiguous = new Map<RowPlan, string>();
  for (const { planned } of linked) {
    const prefix = input.kind === 'segment' && !blocked.has(planned) ? contextPrefix(planned, itemPrefixes) : undefined;
    if (prefix === undefined || planned.condition === undefined) continue;
    const field = planned.field?.path ?? planned.source;
    if (typeof contextCondition.get(`${prefix}|${itemIndex(planned, prefix)}|${field}`) === 'string') continue;
    const other = [...planned.condition.matchAll(/\b[A-Z][A-Z0-9]{2}-\d+/g)].map((m) => m[0]).find((f) => f !== field && contextFields.get(prefix)?.has(f));
    if (other !== undefined) ambiguous.set(planned, `its condition reads ${other}, from which another ${prefix} item is made, so the engine cannot tell which item it writes`);
  }

  const opened = new Set<string>();
  for (const { row, label, planned } of plans) {
    if (planned === 'unmapped') {
      importer.count('unmapped');
      continue;
    }
    if (!('resolved' in planned)) {
      importer.note(b, table.name, label, planned.reason, planned.detail, planned.words);
      continue;
    }
    const lacking = unfilled.get(planned);
    if (lacking !== undefined) {
      importer.note(b, table.name, label, 'required-unfilled', lacking, [row.comments]);
      continue;
    }
    if (incomplete.has(planned)) {
      importer.note(b, table.name, label, 'incomplete-item', `it completes ${planned.item?.prefix ?? planned.path.split('.').slice(0, 2).join('.')}, whose other rows from ${planned.source} are notes here, so alone it would write nothing else`, []);
      continue;
    }
    const conflict = ambiguous.get(planned);
    if (conflict !== undefined) {
      importer.note(b, table.name, label, 'second-item', conflict, [row.condition]);
      continue;
    }
    if (blocked.has(planned)) {
      importer.note(b, table.name, label, 'second-item', `it writes a second ${planned.item?.prefix ?? planned.path} item from ${planned.source}, which the engine cannot tell apart from the first`, [row.condition, row.comments]);
      continue;
    }
    const prefix = input.kind === 'segment' ? contextPrefix(planned, itemPrefixes) : undefined;
    let filter = planned.condition;
    if (prefix !== undefined) {
      const field = planned.field?.path ?? planned.source;
      const index = itemIndex(planned, prefix);
      const key = `${prefix}|${index}|${field}`;
      const shared = contextCondition.get(key);
      if (!opened.has(key)) {
        opened.add(key);
        b.each(prefix, typeof shared === 'string' ? b.cond(shared, b.src(field), `if-${field}`) : b.src(field), index || undefined);
      }
      if (typeof shared === 'string') filter = undefined;
    }
    const order = prefix === undefined && planned.item ? planned.item.index : undefined;
    for (const link of planned.links) {
      let value = link.value(b, prefix !== undefined);
      if (filter !== undefined) value = b.cond(filter, value, `if-${planned.source}`);
      b.set(link.path, value, order);
    }
    importer.count(planned.condition !== undefined ? 'condition' : 'link');
    if (row.narrative && row.condition) importer.remark(b, table.name, label, row.narrative);
  }
}

/** The field and first element a row writes (`PID-6|extension[1]`, `RXA-10|performer`), as the IG writes them. */
function elementKey(row: IgElementRow, input: ElementMapInput): string | undefined {
  if (row.attribute === undefined) return undefined;
  const attribute = parseIgAttribute(row.attribute);
  if (attribute.kind !== 'path' && attribute.kind !== 'creates') return undefined;
  const numbered = attribute.steps.findIndex((s) => s.index !== undefined);
  const upTo = numbered >= 0 ? numbered + 1 : 1;
  const field = input.kind === 'segment' ? /^[A-Z][A-Z0-9]{2}[-.]\d+/.exec(row.element)?.[0] : row.element;
  return `${field}|${attribute.steps.slice(0, upTo).map((s) => `${s.name}${s.index === undefined ? '' : `[${s.index}]`}`).join('.')}`;
}

/** The IG's number of the item a row writes into at this element (0: the element is not numbered there). */
function itemIndex(plan: RowPlan, prefix: string): number {
  return plan.item?.prefix === prefix ? plan.item.index : 0;
}

/** The element a row's item is iterated at: the shallowest repeating element on its path that some row fills item by item. */
function contextPrefix(plan: RowPlan, itemPrefixes: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < plan.resolved.steps.length; i++) {
    if (!plan.resolved.steps[i].repeating) continue;
    const prefix = pathOf(plan.resolved, 0, i + 1);
    if (itemPrefixes.has(prefix)) return prefix;
  }
  return undefined;
}

async function planRow(importer: IgImporter, row: IgElementRow, input: ElementMapInput): Promise<Planned> {
  const hasFhirSide = [row.attribute, row.attributeNote, row.datatypeMap, row.vocabulary, row.assignment, row.narrative, row.condition].some((c) => c !== undefined);
  if (!hasFhirSide) return 'unmapped';
  if (row.attribute === undefined) {
    return unusable('no-attribute', 'the IG names no FHIR attribute for it', [row.attributeNote, row.narrative, row.condition, row.comments]);
  }
  // Data type tables copied from another type name their components by it (CF[CodeableConcept] writes CWE.2): a component is the map's own.
  // Row 0 speaks of the whole segment or type: a constant of the resource, read from no element.
  const whole = row.element === '';
  const source = whole ? input.input : input.kind === 'segment' ? row.element.replace(/^([A-Z][A-Z0-9]{2})\.(\d+)/, '$1-$2') : row.element.replace(/^[A-Z][A-Z0-9]{1,2}[-.](\d+)/, `${input.input}.$1`);
  let field: SegmentField | undefined;
  if (input.fields && !whole) {
    const fieldPath = /^[A-Z][A-Z0-9]{2}-\d+/.exec(source)?.[0];
    field = input.fields.find((f) => f.path === fieldPath);
    if (!field) return unusable('not-in-version', `HL7 v${importer.version} has no ${fieldPath ?? source} in ${input.input}`);
  }
  const conditionContext: IgConditionContext = input.kind === 'segment' ? { self: source, ...(field?.dataType ? { selfType: field.dataType } : {}) } : { self: source, datatype: input.input };
  let condition: string | undefined;
  if (row.condition !== undefined) {
    const read = translateIgCondition(row.condition, conditionContext);
    if ('reason' in read) return unusable('unreadable-condition', read.reason, [row.condition]);
    condition = read.expression;
  } else if (row.narrative !== undefined) {
    return unusable('narrative-condition', 'its condition is narrative only: decide, then link it', [row.narrative, row.comments]);
  }
  const attribute = parseIgAttribute(row.attribute);
  if (attribute.kind === 'unreadable') return unusable('unreadable-attribute', `its FHIR attribute ${row.attribute} cannot be written as it is: ${attribute.reason}`, [row.attributeNote, row.comments]);
  if (attribute.kind === 'creates') {
    return unusable('creates-resource', `it creates ${aResource(attribute.resource)} resource from ${source} and references it: add ${aResource(attribute.resource)} target to the message map and a reference here`, [row.comments]);
  }
  const root = input.output.name;
  const steps = [...(input.within === undefined ? [] : [{ name: input.within }]), ...(attribute.kind === 'self' ? [] : attribute.steps)];
  const resolved = steps.length === 0 ? { path: root, steps: [] } : resolveIgAttribute(root, steps, importer.catalog);
  if (!resolved) return unusable('unknown-element', `${root} has no element ${row.attribute} in FHIR R4`, [row.attributeNote, row.comments]);
  const target = lastStep(resolved, input.output);
  const path = pathOf(resolved);

  // The first element the IG numbers that repeats: the row writes into that item.
  let item: RowPlan['item'];
  const numbered = resolved.steps.findIndex((s) => s.index !== undefined && s.repeating);
  if (numbered >= 0) item = { depth: numbered, prefix: pathOf(resolved, 0, numbered + 1), index: resolved.steps[numbered].index as number };

  // A repeating field into a single element: the first repetition (a context over the field already gives one).
  const readsRepeating = field?.repeating === true && !target.repeating;
  const call = (id: string) => (b: MapBuilder, inContext: boolean): From => {
    importer.useMap(id);
    return b.call(id, b.src(readsRepeating && !inContext ? `${source}[1]` : source));
  };
  const guard = `${source} != null`;
  const base = { row, label: '', source, ...(field ? { field } : {}), resolved, path, ...(item ? { item } : {}) };

  // A constant: the cell's own (`type.coding.code="PLAC"`) or the Assignment column's; or text joined
  // from constants and elements (`"urn:oid:"+HD.2`), which a string.concat node writes.
  const assignment = attribute.kind === 'path' && attribute.assign !== undefined ? `"${attribute.assign}"` : row.assignment;
  if (assignment !== undefined) {
    const constant = /^"([^"]*)"$/.exec(assignment.trim())?.[1];
    const joined = constant === undefined ? igConcatenation(assignment, conditionContext) : undefined;
    if (constant === undefined && joined === undefined) return unusable('computed-value', 'its value is computed as the IG says in words, which the engine cannot run', [assignment, row.comments]);
    if (!target.primitive) return unusable('type-mismatch', `it assigns text to ${path}, which is a ${target.type}`, [assignment]);
    // The value belongs to the element it describes: written only where that element is valued
    // (unless the condition says when, as `IF NOT VALUED AND RXA-21 NOT EQUALS "D"` does). The
    // guard also tells which context a constant belongs to, by the field it reads.
    const value = (b: MapBuilder): From => {
      const fixed = constant !== undefined
        ? b.constant(constant, 'const')
        : b.fnMany('string.concat', 'values', (joined ?? []).map((part) => ('path' in part ? b.src(part.path) : b.constant(part.text, 'text'))), 'join');
      return whole || condition?.includes(`${source} = null`) ? fixed : b.cond(guard, fixed, `if-${source}-valued`);
    };
    return { ...base, condition, constant: constant !== undefined, links: [{ path, value }] };
  }

  if (whole) return unusable('computed-value', `it speaks of the whole ${input.input} and reads no element of it: its value is the IG's words`, [row.attributeNote, row.comments]);
  const vocabularies = igNames(row.vocabulary);
  const datatypeMaps = igNames(row.datatypeMap);
  if (vocabularies.length > 1 || datatypeMaps.length > 1) {
    return unusable('computed-value', 'it names several maps, one of which applies', [row.datatypeMap, row.vocabulary, row.comments]);
  }
  const [vocabulary] = vocabularies;
  const [datatypeMap] = datatypeMaps;
  if (vocabulary !== undefined) {
    const valueMap = importer.vocabulary(vocabulary);
    if ('reason' in valueMap) return unusable(valueMap.reason, valueMap.detail, [row.vocabulary]);
    const translated = (port: 'code' | 'coding') => (b: MapBuilder): From => {
      importer.useValueMap(valueMap.id);
      return b.map(valueMap.id, b.src(source), port, valueMap.id.toLowerCase());
    };
    if (target.primitive) return { ...base, condition, links: [{ path, value: translated('code') }] };
    if (target.type === 'Coding') return { ...base, condition, links: [{ path, value: translated('coding') }] };
    if (target.type !== 'CodeableConcept') return unusable('type-mismatch', `the vocabulary map ${vocabulary} gives a code, and ${path} is a ${target.type}`, [row.vocabulary]);
    // The translated code is one coding of the concept; the data type map, when the IG names one, gives the codes as sent.
    const links: RowPlan['links'] = [{ path: `${path}.coding`, value: translated('coding') }];
    if (datatypeMap !== undefined) {
      const map = await importer.datatypeMap(datatypeMap);
      if ('reason' in map) return unusable(map.reason, map.detail, [row.datatypeMap]);
      if (!fits(map.output, target, importer)) return unusable('type-mismatch', `${map.id} writes a ${map.output.name}, and ${path} is a ${target.type}`, [row.datatypeMap]);
      links.unshift({ path, value: call(map.id) });
    }
    return { ...base, condition, links };
  }
  if (datatypeMap !== undefined) {
    const map = await importer.datatypeMap(datatypeMap);
    if ('reason' in map) return unusable(map.reason, map.detail, [row.datatypeMap]);
    if (map.part !== undefined) {
      // It writes its part of the resource itself: its output merges into this map's.
      const part = `${root}.${map.part}`;
      if (map.output.name !== root || !(path === part || path.startsWith(`${part}.`))) return unusable('type-mismatch', `${map.id} writes ${map.output.name}.${map.part}, not ${path}`, [row.datatypeMap]);
      return { ...base, condition, links: [{ path: root, value: call(map.id) }] };
    }
    if (!fits(map.output, target, importer)) return unusable('type-mismatch', `${map.id} writes a ${map.output.name}, and ${path} is a ${target.type}`, [row.datatypeMap]);
    return { ...base, condition, links: [{ path, value: call(map.id) }] };
  }
  if (!target.primitive) return unusable('type-mismatch', `the IG names no data type map for ${path}, a ${target.type}`, [row.comments]);
  if (target.type === 'boolean') return unusable('type-mismatch', `the IG names no vocabulary map to turn ${source} into true or false`, [row.comments]);
  // HL7 dates and times are written another way than FHIR's, whatever the v2 type says (OBX-5 says "varies").
  const dateMap = DATE_MAPS[target.type];
  if (dateMap !== undefined) {
    const map = await importer.datatypeMap(dateMap);
    if ('reason' in map) return unusable(map.reason, map.detail);
    return { ...base, condition, links: [{ path, value: call(map.id) }] };
  }
  if (target.type === 'time') return { ...base, condition, links: [{ path, value: (b) => b.fn('date.hl7ToFhirTime', { value: b.src(source) }, undefined, 'time') }] };
  // The field as sent is no code of a required value set (PV1-42, a location, into Encounter.location.status).
  const binding = importer.catalog.fhirElement(root, path)?.binding;
  if (target.type === 'code' && binding?.strength === 'required') {
    return unusable('unbound-code', `FHIR R4 takes only codes of ${binding.valueSet ?? 'its value set'} in ${path}, and the IG names no vocabulary map to turn ${source} into one: add a value map`, [row.comments]);
  }
  if (target.type === 'xhtml') return unusable('type-mismatch', `${path} is XHTML (a <div>, with its narrative's status), and ${source} is text`, [row.comments]);
  return { ...base, condition, links: [{ path, value: (b) => b.src(source) }] };
}

/** Whether a map's output can be written to the element: the same type, or text-like primitives into text-like primitives. */
function fits(output: FhirTypeName, target: { type: string; primitive: boolean }, importer: IgImporter): boolean {
  if (output.name === target.type) return true;
  if (output.kind !== 'primitive' || !target.primitive) return false;
  return importer.catalog.fhirPrimitive(output.name)?.json === 'string' && importer.catalog.fhirPrimitive(target.type)?.json === 'string';
}
