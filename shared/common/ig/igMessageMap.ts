import { MapBuilder, hl7Message, type From } from '../mapping/build/MapBuilder';
import type { MapDefinition } from '../mapping/spec/MappingSpec';
import type { MessageStructure } from '../hl7v2/groups';
import { parseIgAttribute, resolveIgAttribute } from './igAttribute';
import { translateIgCondition } from './igCondition';
import type { IgImporter } from './IgImporter';
import { aResource, type IgNoteReason } from './IgImportResult';
import { igResourceNeeds } from './igRequiredElements';
import { placeIgPositions, segmentOccurrences, type SegmentOccurrence } from './igStructure';
import type { IgMessageRow, IgTable } from './IgTables';

/**
 * Where the importer reads the IG otherwise than it is written, each said in the result. The
 * VXU_V04 ORDER.OBSERVATION row writes AND where the same row of every other message map (and of
 * VXU_V04's own PERSON_OBSERVATION) writes OR, which would leave every non-NA result unmapped.
 */
const CONDITION_CORRECTIONS: ReadonlyArray<{ table: string; sort: string; ig: string; read: string; reason: string }> = [
  {
    table: 'VXU_V04', sort: '12.6.1',
    ig: 'IF OBX-5 LST.count LESS THAN OR EQUALS 1 AND OBX-2 IS "NA"',
    read: 'IF OBX-5 LST.count LESS THAN OR EQUALS 1 OR OBX-2 IS "NA"',
    reason: 'every other message map writes OR for this row, and with AND only NA results would become Observations',
  },
];
/** Resource names the References column misspells. */
const RESOURCE_TYPOS: Readonly<Record<string, string>> = { Immunzation: 'Immunization' };

interface ParsedTarget {
  type: string;
  /** `Patient[1]`, `Account` (no number), `Specimen[n]`. */
  label: string;
  index?: string;
  /** What follows the label (`.note`, `.performer.function.coding.code="OP'"`). */
  rest: string;
}

function parseTarget(text: string): ParsedTarget | undefined {
  const m = /^([A-Z][A-Za-z]+)(?:\[([^\]]+)\])?(.*)$/s.exec(text.trim());
  if (!m) return undefined;
  return { type: m[1], label: m[2] === undefined ? m[1] : `${m[1]}[${m[2]}]`, ...(m[2] === undefined ? {} : { index: m[2] }), rest: m[3].trim() };
}

interface MessageTarget {
  id: string;
  type: string;
  label: string;
  occurrence: number;
  /** What the root context iterates (a group path or a segment), none for one resource per message. */
  root?: string;
  /** The creating rows' conditions (undefined: one has none). */
  conditions: Array<string | undefined>;
  /** What its required elements need valued (igResourceNeeds). */
  needs?: string;
}

interface RowState {
  row: IgMessageRow;
  label: string;
  occurrence?: number;
  condition?: string;
  target?: ParsedTarget;
  map?: { id: string; resource: string };
  note?: { reason: IgNoteReason; detail: string; words: Array<string | undefined> };
}

/**
 * The IG message map as a Crosswalk message map: one target per resource the IG numbers
 * (`Patient[1]`, `Observation[2]`), made once per message or once per item of the group or
 * segment its first row names (filtered by that row's condition), with the segment maps of its
 * rows applied to their segments and merged into it; the References column as reference nodes;
 * every row the engine cannot express as a note.
 */
export async function buildMessageMap(importer: IgImporter, table: IgTable<IgMessageRow>, structure: MessageStructure): Promise<MapDefinition> {
  const [type, event] = table.name.split('_');
  const b = new MapBuilder(table.name, 'message', hl7Message(table.name, importer.version))
    .describe(`${type}^${event} → FHIR R4 (HL7 v2-to-FHIR IG)`, `Generated from the HL7 v2-to-FHIR IG table "${table.file}" and the maps it names. Notes mark the rows the engine cannot express.`)
    .accepts({ messages: [{ type, events: [event] }] });

  const rows = table.rows.filter((r) => !r.segment.startsWith('/') && !(r.name ?? '').startsWith('---') && /\.[A-Z][A-Z0-9]{2}$/.test(r.segment));
  const occurrences = segmentOccurrences(structure);
  // The IG lists a segment position's rows together (ADT_A01 has two ROL positions, each with its rows).
  const positionOf = new Map<IgMessageRow, string>();
  rows.forEach((r, i) => positionOf.set(r, i > 0 && rows[i - 1].segment === r.segment ? positionOf.get(rows[i - 1]) as string : `${r.segment}#${i}`));
  const positions = [...new Map(rows.map((r) => {
    const parts = r.segment.split('.');
    const key = positionOf.get(r) as string;
    return [key, { key, segment: parts[parts.length - 1], groups: parts.slice(1, -1) }];
  })).values()];
  const placed = placeIgPositions(positions, occurrences);

  // First pass: what each row is, and which rows create which resources.
  const states: RowState[] = [];
  for (const row of rows) states.push(await readRow(importer, table, row, placed.get(positionOf.get(row) as string), occurrences, structure));
  // A resource is made by the rows at the segment position of the first row that names it
  // (OBX[Observation] and OBX[Observation-Component] alike); rows elsewhere add to it (PV2 → the
  // Encounter of PV1), so when none of the first position's rows is linked it is not made.
  const firstPosition = new Map<string, string>();
  const contributing = new Map<string, SegmentOccurrence[]>();
  for (const s of states) {
    if (!s.target || s.target.rest !== '') continue;
    if (!firstPosition.has(s.target.label)) firstPosition.set(s.target.label, positionOf.get(s.row) as string);
    if (!s.note && s.map && s.occurrence !== undefined) contributing.set(s.target.label, [...(contributing.get(s.target.label) ?? []), occurrences[s.occurrence]]);
  }
  const targets = new Map<string, MessageTarget>();
  for (const s of states) {
    if (s.note || !s.map || !s.target || s.target.rest !== '' || s.occurrence === undefined) continue;
    if (firstPosition.get(s.target.label) !== positionOf.get(s.row)) continue;
    // A context over a segment iterates every one of the message: right only where it stands in one place.
    const at = occurrences[s.occurrence];
    if (rootOf(at, [s.condition], contributing.get(s.target.label) ?? []) === at.segment && occurrences.filter((o) => o.segment === at.segment).length > 1) {
      s.note = { reason: 'segment-in-several-groups', detail: `${s.target.label} is made once per ${at.segment}${at.groups.length > 0 ? ` of ${at.groups.join('.')}` : ''}, but ${structure.name} has ${at.segment} in several places and a context over ${at.segment} would take every one of them`, words: [s.row.comments] };
      continue;
    }
    const existing = targets.get(s.target.label);
    if (existing === undefined) {
      const id = `${s.target.type.toLowerCase()}${s.target.index ? `-${s.target.index.replace(/[^A-Za-z0-9]+/g, '-')}` : ''}`.replace(/-+$/, '');
      targets.set(s.target.label, { id, type: s.target.type, label: s.target.label, occurrence: s.occurrence, conditions: [s.condition] });
    } else if (existing.occurrence === s.occurrence) existing.conditions.push(s.condition);
  }
  // A resource FHIR R4 could never accept from what the IG maps is not made (a note says why); one
  // whose required elements come from fields is made only where they are valued.
  const unfillable = new Map<string, string>();
  for (const target of [...targets.values()]) {
    await importer.catalog.preloadFhir([target.type]);
    const mapsOf = (at: (s: RowState) => boolean): MapDefinition[] => states
      .filter((s) => !s.note && s.map && s.target?.label === target.label && s.target.rest === '' && at(s))
      .map((s) => importer.maps.get(s.map?.id ?? '')).filter((m): m is MapDefinition => m !== undefined);
    // Made once per group, it may need what the group's other segments give (a DiagnosticReport's status from OBR-25, made from ORC).
    const group = rootOf(occurrences[target.occurrence], target.conditions, contributing.get(target.label) ?? []);
    const creates = (s: RowState): boolean => s.occurrence === target.occurrence || (group !== undefined && occurrences[s.occurrence as number].groups.join('.') === group);
    const needs = igResourceNeeds(importer.catalog, target.type, mapsOf(creates), mapsOf((s) => !creates(s)),
      (element) => writesInMessage(table, target, element));
    if (needs.unfilled.length > 0) {
      targets.delete(target.label);
      unfillable.set(target.label, `${target.label} is not created: FHIR R4 requires ${target.type}.${needs.unfilled.join(` and ${target.type}.`)}, which no row of the IG fills; link ${needs.unfilled.length === 1 ? 'it' : 'them'} (or a constant) and the resource is made`);
      continue;
    }
    target.needs = needs.expression;
  }
  for (const target of targets.values()) {
    b.target(target.id, target.type);
    target.root = rootOf(occurrences[target.occurrence], [...target.conditions, target.needs], contributing.get(target.label) ?? []);
    if (target.root !== undefined) {
      const source = b.src(target.root);
      const conditions = target.conditions.every((c) => c !== undefined) ? target.conditions as string[] : [];
      const when = conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' or ');
      const test = target.needs === undefined ? when : when === undefined ? target.needs : `(${when}) and ${target.needs}`;
      b.eachOn(target.id, target.type, test === undefined ? source : b.cond(test, source, `${target.id}-when`));
    }
  }

  // Second pass: links, references and notes, row by row.
  const done = new Set<string>();
  for (const s of states) {
    const where = `${s.row.sort} ${s.label}`;
    // A row that is a note keeps its references in its words: they are not linked either.
    const references = s.row.references === undefined ? undefined : `References: ${s.row.references}`;
    if (s.note) {
      importer.note(b, table.name, where, s.note.reason, s.note.detail, [...s.note.words, references]);
      continue;
    }
    if (!s.target) {
      importer.count('unmapped');
      continue;
    }
    const target = targets.get(s.target.label);
    if (!target && unfillable.has(s.target.label)) {
      importer.note(b, table.name, where, 'required-unfilled', unfillable.get(s.target.label) as string, [s.row.comments, references]);
      continue;
    }
    if (!target) {
      importer.note(b, table.name, where, 'no-resource', `${s.target.label} is not created: the row that makes it is a note`, [s.row.narrative, s.row.comments, references]);
      continue;
    }
    if (s.map) {
      // A target's only creating row has its condition on the target's context; other rows filter the segment they map.
      const sole = s.occurrence === target.occurrence && target.conditions.length === 1;
      // A segment map reads its own segment, which is not always the row's (ADT_A01's EVN row applies MSH[Provenance-Operator]).
      const read = s.map.id.slice(0, 3);
      const input: From = s.condition === undefined || sole ? b.src(read) : b.cond(s.condition, b.src(read), `${target.id}-${read}-when`);
      b.setOn(target.id, target.type, b.call(s.map.id, input, `${read.toLowerCase()}-${target.id}`));
    } else {
      const constant = constantOf(s.target.rest);
      const resolved = constant && parseAndResolve(importer, target.type, constant.path);
      if (!constant || !resolved) {
        importer.note(b, table.name, where, 'unknown-element', `${target.type} has no element ${s.target.rest} the engine can write`, [s.row.target]);
        continue;
      }
      const value = b.constant(constant.value, 'const');
      b.setOn(target.id, resolved, s.condition === undefined ? value : b.cond(s.condition, value, `${target.id}-const-when`));
    }
    importer.count(s.condition !== undefined ? 'condition' : 'link');
    if (s.row.narrative && s.row.condition) importer.remark(b, table.name, where, s.row.narrative);
    for (const clause of (s.row.references ?? '').split(/;|\n/).map((c) => c.trim()).filter((c) => c !== '')) {
      reference(importer, b, table, where, clause, target, targets, occurrences, done);
    }
  }
  return b.build();
}

async function readRow(importer: IgImporter, table: IgTable<IgMessageRow>, row: IgMessageRow, occurrence: number | undefined, occurrences: readonly SegmentOccurrence[], structure: MessageStructure): Promise<RowState> {
  const target = row.target === undefined ? undefined : parseTarget(row.target);
  const label = `${row.segment}${row.target ? ` → ${row.target.replace(/\s+/g, ' ')}` : ''}${row.map ? ` (${row.map})` : ''}`;
  const state: RowState = { row, label, ...(occurrence === undefined ? {} : { occurrence }), ...(target ? { target } : {}) };
  const fail = (reason: IgNoteReason, detail: string, words: Array<string | undefined> = []): RowState => ({ ...state, note: { reason, detail, words } });
  if (row.target === undefined && row.map === undefined) return state;
  if (occurrence === undefined) {
    return fail('not-in-version', `the HL7 v${importer.version} structure ${structure.name} has no ${row.segment.split('.').slice(1).join('.')}`, [row.comments]);
  }
  if (!target) return fail('missing-map', `the IG names no target resource for ${row.map ?? 'it'}`, [row.target]);
  if (target.type === 'Bundle') return fail('bundle', `${row.map ?? 'MSH[Bundle]'} fills the Bundle, which the engine writes itself (a transaction Bundle of the resources)`);
  if (importer.fhirType(target.type)?.kind !== 'resource') return fail('unknown-element', `FHIR R4 has no resource ${target.type}`, [row.target]);
  let conditionText = row.condition;
  const correction = CONDITION_CORRECTIONS.find((c) => c.table === table.name && c.sort === row.sort && c.ig === row.condition);
  if (correction) {
    conditionText = correction.read;
    importer.corrections.push({ table: table.name, row: `${row.sort} ${row.segment}`, ig: correction.ig, read: correction.read, reason: correction.reason });
  }
  if (conditionText !== undefined) {
    const read = translateIgCondition(conditionText, { self: occurrences[occurrence].segment });
    if ('reason' in read) return fail('unreadable-condition', read.reason, [row.condition]);
    state.condition = read.expression;
  } else if (row.narrative !== undefined) {
    return fail('narrative-condition', 'its condition is narrative only: decide, then link it', [row.narrative, row.comments]);
  }
  if (target.rest.includes('(')) {
    const made = /\(([A-Z][A-Za-z]+)/.exec(target.rest)?.[1] ?? 'Resource';
    return fail('creates-resource', `it creates ${aResource(made)} resource referenced from ${target.label}${target.rest.replace(/\(.*$/, '')}: add ${aResource(made)} target and a reference`, [row.references, row.comments]);
  }
  if (row.map === undefined) {
    return target.rest === '' ? fail('missing-map', `the IG names no segment map for ${target.label}`, [row.comments]) : state;
  }
  const map = await importer.segmentMap(row.map);
  if ('reason' in map) return fail(map.reason, map.detail, [row.map]);
  if (target.rest !== '') return fail('type-mismatch', `${map.id} writes a ${map.resource}, which cannot be placed in ${target.label}${target.rest}`, [row.comments]);
  if (map.resource !== target.type) return fail('type-mismatch', `${map.id} writes a ${map.resource}, not the ${target.type} the row names`);
  return { ...state, map };
}

/**
 * What a target's root context iterates: its segment when that repeats; its group when the
 * segment, or another one that adds to the resource from the same group, is required there (so
 * the group instance's other segments, and references to resources of the same instance, are
 * found: a DiagnosticReport per ORDER_OBSERVATION, from its ORC when sent and its OBR); the segment
 * when it may be missing; nothing for one required segment of the message without a condition.
 */
function rootOf(occurrence: SegmentOccurrence, conditions: Array<string | undefined>, contributing: readonly SegmentOccurrence[]): string | undefined {
  if (occurrence.repeating) return occurrence.segment;
  const group = occurrence.groups.join('.');
  const anchored = (o: SegmentOccurrence): boolean => !o.repeating && o.min >= 1 && o.groups.join('.') === group;
  if (group !== '' && (anchored(occurrence) || contributing.some(anchored))) return group;
  if (occurrence.min < 1 || group !== '') return occurrence.segment;
  return conditions.every((c) => c === undefined) ? undefined : occurrence.segment;
}

/** Whether the message table writes a resource's element itself: a constant row or a References clause (`Provenance[1].target = MessageHeader[1]`). */
function writesInMessage(table: IgTable<IgMessageRow>, target: MessageTarget, element: string): boolean {
  const names = new RegExp(`^\\s*${target.type}(\\[[^\\]]*\\])?\\.${element}\\b`);
  const spelled = (clause: string): string => clause.replace(/^\s*([A-Z][a-z]+)/, (word: string) => RESOURCE_TYPOS[word] ?? word);
  return table.rows.some((r) => (r.references ?? '').split(/;|\n/).some((c) => names.test(spelled(c)))
    || (r.target !== undefined && names.test(r.target) && parseTarget(r.target)?.label === target.label));
}

function constantOf(rest: string): { path: string; value: string } | undefined {
  const m = /^\.([^=]+)="(.*)"$/s.exec(rest);
  return m ? { path: m[1], value: m[2] } : undefined;
}

function parseAndResolve(importer: IgImporter, type: string, path: string): string | undefined {
  const attribute = parseIgAttribute(path);
  if (attribute.kind !== 'path' || attribute.assign !== undefined) return undefined;
  return resolveIgAttribute(type, attribute.steps, importer.catalog)?.path;
}

/** One clause of the References column: a reference node (or a constant) on a target's element. */
function reference(
  importer: IgImporter, b: MapBuilder, table: IgTable<IgMessageRow>, where: string, clause: string,
  own: MessageTarget, targets: ReadonlyMap<string, MessageTarget>, occurrences: readonly SegmentOccurrence[], done: Set<string>,
): void {
  const fail = (detail: string): void => importer.note(b, table.name, `${where} references`, 'reference', detail, [clause], 'reference');
  const eq = clause.indexOf('=');
  if (eq < 0) return fail('the clause has no "="');
  let lhs = clause.slice(0, eq).trim();
  const rhs = clause.slice(eq + 1).trim();
  const typo = /^[A-Z][a-z]+/.exec(lhs)?.[0];
  if (typo !== undefined && RESOURCE_TYPOS[typo] !== undefined) {
    const read = RESOURCE_TYPOS[typo] + lhs.slice(typo.length);
    importer.corrections.push({ table: table.name, row: where, ig: lhs, read, reason: `the References column misspells ${RESOURCE_TYPOS[typo]}` });
    lhs = read;
  }
  const left = parseTarget(lhs);
  if (!left || left.rest.includes('(') || !left.rest.startsWith('.')) return fail('its left side is not a resource element');
  const from = left.index !== undefined ? targets.get(left.label) : left.type === own.type ? own : uniqueOf(targets, left.type);
  if (!from) return fail(`${left.label} is not a resource this mapping creates`);
  const path = left.rest.slice(1).replace(/\.(reference|id)$/, '');
  const resolved = parseAndResolve(importer, from.type, path);
  if (!resolved) return fail(`${from.type} has no element ${path} in FHIR R4`);
  const literal = /^"(.*)"$/s.exec(rhs);
  if (literal) {
    const key = `${from.id}|${resolved}|${literal[1]}`;
    if (done.has(key)) return;
    done.add(key);
    b.setOn(from.id, resolved, b.constant(literal[1], 'const'));
    importer.counts.references.links++;
    return;
  }
  const right = parseTarget(rhs.replace(/\.id$/, ''));
  if (!right || right.rest !== '') return fail('its right side is not a resource');
  if (right.type === 'Bundle') return fail('the Bundle is written by the engine and has no reference');
  let to: MessageTarget | undefined;
  if (right.index !== undefined && /^[A-Z][A-Z0-9]{2}$/.test(right.index)) {
    to = [...targets.values()].find((t) => t.type === right.type && occurrences[t.occurrence].segment === right.index);
  } else to = right.index !== undefined ? targets.get(right.label) : uniqueOf(targets, right.type);
  if (!to) return fail(`${right.label} is not a resource this mapping creates`);
  if (importer.catalog.fhirElement(from.type, resolved)?.types.some((t) => t.code === 'Reference') !== true) return fail(`${from.type}.${path} is not a Reference`);
  const key = `${from.id}|${resolved}|${to.id}`;
  if (done.has(key)) return;
  done.add(key);
  b.setOn(from.id, resolved, b.ref(to.id, `ref-${to.id}`));
  importer.counts.references.links++;
  // The IG's reference alone makes an invalid item (Appointment.participant.actor without the
  // status FHIR R4 requires there): linked as the IG says, with a note, and the run says so.
  const within = resolved.split('.').slice(0, -1).join('.');
  if (within.includes('.') && importer.catalog.fhirElement(from.type, within)?.isBackbone === true) {
    const relative = within.slice(from.type.length + 1);
    const missing = importer.catalog.fhirChildren(from.type, within).filter((c) => c.min >= 1 && `${within}.${c.name}` !== resolved && !writesInMessage(table, from, `${relative}.${c.name}`)).map((c) => c.name);
    if (missing.length > 0) {
      importer.note(b, table.name, `${where} references`, 'ig-invalid', `the IG writes ${resolved} without the ${missing.join(' and ')} FHIR R4 requires in ${within}, and fills ${missing.length === 1 ? 'it' : 'them'} nowhere: the run fails with OUTPUT_INVALID where it applies, until ${missing.length === 1 ? 'it is' : 'they are'} linked`, [clause], 'reference');
    }
  }
}

function uniqueOf(targets: ReadonlyMap<string, MessageTarget>, type: string): MessageTarget | undefined {
  const all = [...targets.values()].filter((t) => t.type === type);
  return all.length === 1 ? all[0] : undefined;
}
