import { AUTHOR_EXTENSION, REVIEWER_EXTENSION, ROW_REVIEW_EXTENSION } from './conceptMapReview';
import { UNMAPPED_POLICY_EXTENSION } from './conceptMap';
import { equivalenceValues } from './equivalence';
import { reviewStatusValues } from './rowReview';

/**
 * The StructureDefinitions of the extensions a value map's ConceptMap carries, published as FHIR
 * R4 JSON in docs/fhir/ (`node --import tsx scripts/generate-review-extensions.ts`; a test fails
 * when the files are stale or do not validate). Written here, beside the code that reads and
 * writes the extensions, so the definitions cannot drift from what export writes.
 */

/** The date the definitions were last changed: a constant, so generating them again gives the same bytes. */
const PUBLISHED = '2026-11-26';

interface Part {
  name: string;
  short: string;
  definition: string;
  min: number;
  max: '1' | '*';
  /** A FHIR value type, or nested parts for a complex part. */
  type: string | Part[];
}

interface ElementDefinition { id: string; path: string; [key: string]: unknown }

/** The differential of an extension with these parts (slices of Extension.extension), at `base` (`Extension` or `Extension.extension:approval`). */
function differential(base: string, basePath: string, parts: Part[]): ElementDefinition[] {
  const elements: ElementDefinition[] = [
    { id: `${base}.extension`, path: `${basePath}.extension`, slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'closed' }, min: parts.some((p) => p.min > 0) ? 1 : 0 },
  ];
  for (const part of parts) {
    const id = `${base}.extension:${part.name}`;
    const path = `${basePath}.extension`;
    elements.push({ id, path, sliceName: part.name, short: part.short, definition: part.definition, min: part.min, max: part.max });
    if (typeof part.type === 'string') {
      elements.push({ id: `${id}.extension`, path: `${path}.extension`, max: '0' });
      elements.push({ id: `${id}.url`, path: `${path}.url`, fixedUri: part.name });
      elements.push({ id: `${id}.value[x]`, path: `${path}.value[x]`, min: 1, type: [{ code: part.type }] });
    } else {
      elements.push(...differential(id, path, part.type));
      elements.push({ id: `${id}.url`, path: `${path}.url`, fixedUri: part.name });
      elements.push({ id: `${id}.value[x]`, path: `${path}.value[x]`, max: '0' });
    }
  }
  return elements;
}

function definition(args: {
  id: string; url: string; name: string; title: string; description: string; context: string[];
  short: string; max: '1' | '*'; value?: string; parts?: Part[];
}): Record<string, unknown> {
  const root: ElementDefinition = { id: 'Extension', path: 'Extension', short: args.short, definition: args.description, min: 0, max: args.max };
  const elements: ElementDefinition[] = [root];
  if (args.parts) {
    elements.push(...differential('Extension', 'Extension', args.parts));
    elements.push({ id: 'Extension.url', path: 'Extension.url', fixedUri: args.url });
    elements.push({ id: 'Extension.value[x]', path: 'Extension.value[x]', max: '0' });
  } else {
    elements.push({ id: 'Extension.extension', path: 'Extension.extension', max: '0' });
    elements.push({ id: 'Extension.url', path: 'Extension.url', fixedUri: args.url });
    elements.push({ id: 'Extension.value[x]', path: 'Extension.value[x]', min: 1, type: [{ code: args.value }] });
  }
  return {
    resourceType: 'StructureDefinition',
    id: args.id,
    url: args.url,
    version: '1.0.0',
    name: args.name,
    title: args.title,
    status: 'active',
    date: PUBLISHED,
    publisher: 'Crosswalk',
    description: args.description,
    fhirVersion: '4.0.1',
    kind: 'complex-type',
    abstract: false,
    context: args.context.map((expression) => ({ type: 'element', expression })),
    type: 'Extension',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Extension',
    derivation: 'constraint',
    differential: { element: elements },
  };
}

const person = (name: string, short: string, definitionText: string, max: '1' | '*' = '1', min = 0): Part => ({ name, short, definition: definitionText, min, max, type: 'string' });
const instant = (name: string, short: string, definitionText: string, min = 0): Part => ({ name, short, definition: definitionText, min, max: '1', type: 'dateTime' });

/** Every extension definition a value map's ConceptMap carries. */
export function reviewExtensionDefinitions(): Record<string, unknown>[] {
  return [
    definition({
      id: 'valuemap-row-review',
      url: ROW_REVIEW_EXTENSION,
      name: 'ValueMapRowReview',
      title: 'Value-map row review',
      short: 'The review state of one mapping row',
      description: 'The clinical review of one row of a Crosswalk value map (one ConceptMap element with its target): its status, who last changed and who last reviewed it, its approvals, its comment thread, and, when it changed after approval, the row as it was approved. FHIR R4 ConceptMap has no per-row review state.',
      context: ['ConceptMap.group.element.target'],
      max: '1',
      parts: [
        { name: 'status', short: reviewStatusValues.join(' | '), definition: `The row's review status: ${reviewStatusValues.join(', ')}. "approved" means it has the approvals the bundle's review policy asks for; an edit makes an approved row "proposed" again.`, min: 1, max: '1', type: 'code' },
        person('author', 'Who last changed what the row maps to', 'The name of the person who added the row or last changed its source, target, display, system or equivalence.'),
        instant('authored', 'When the row was last changed', 'When the author last changed the row.'),
        person('reviewer', 'Who last set the status', 'The name of the person who last set the row\'s status.'),
        instant('reviewed', 'When the status was last set', 'When the reviewer last set the row\'s status.'),
        {
          name: 'approval', short: 'One approval of the row as it is', definition: 'An approval of the row in its current form, one per person; an edit of the row clears them.', min: 0, max: '*',
          type: [person('by', 'Who approved', 'The name of the approver.', '1', 1), instant('at', 'When', 'When the row was approved.', 1),
            { name: 'row', short: 'Digest of the row approved', definition: 'The first 12 hex digits of the SHA-256 of the row\'s content (source, target, display, system, equivalence as canonical JSON) when it was approved. The approval counts only while the row still has that content.', min: 0, max: '1', type: 'string' }],
        },
        {
          name: 'comment', short: 'One comment of the row\'s discussion', definition: 'A comment on the row, in the order they were made.', min: 0, max: '*',
          type: [person('by', 'Who commented', 'The name of the person who wrote the comment.', '1', 1), instant('at', 'When', 'When the comment was made.', 1),
            { name: 'text', short: 'The comment', definition: 'The comment text.', min: 1, max: '1', type: 'markdown' }],
        },
        {
          name: 'lastApproved', short: 'The row as it was approved, until approved again', definition: 'Present from the moment an approved row lost its approval (an edit, a rejection, a question) until it is approved again: the row as it was approved. Where the row differs from it, it has changed since approval, and a reviewer sees old → new.', min: 0, max: '1',
          type: [
            { name: 'source', short: 'Source code', definition: 'The source code as approved.', min: 1, max: '1', type: 'code' },
            { name: 'target', short: 'Target code', definition: 'The target code as approved.', min: 1, max: '1', type: 'code' },
            { name: 'display', short: 'Target display', definition: 'The target display as approved.', min: 0, max: '1', type: 'string' },
            { name: 'system', short: 'Target system', definition: 'The target system as approved, when the row named its own.', min: 0, max: '1', type: 'uri' },
            { name: 'equivalence', short: equivalenceValues.join(' | '), definition: 'The R4 equivalence as approved, when it was not equivalent.', min: 0, max: '1', type: 'code' },
          ],
        },
      ],
    }),
    definition({
      id: 'valuemap-author', url: AUTHOR_EXTENSION, name: 'ValueMapAuthor', title: 'Value-map author',
      short: 'A person who wrote rows of the map', description: 'The name of a person who last changed at least one row of the value map (one extension per person).',
      context: ['ConceptMap'], max: '*', value: 'string',
    }),
    definition({
      id: 'valuemap-reviewer', url: REVIEWER_EXTENSION, name: 'ValueMapReviewer', title: 'Value-map reviewer',
      short: 'A person who reviewed rows of the map', description: 'The name of a person who approved or last set the status of at least one row of the value map (one extension per person).',
      context: ['ConceptMap'], max: '*', value: 'string',
    }),
    definition({
      id: 'valuemap-unmapped-policy', url: UNMAPPED_POLICY_EXTENSION, name: 'ValueMapUnmappedPolicy', title: 'Value-map unmapped policy',
      short: 'empty | error', description: 'What a Crosswalk value map does with a source code it has no row for, where ConceptMap.group.unmapped cannot say it: "empty" (emit nothing) or "error" (the message fails).',
      context: ['ConceptMap.group'], max: '1', value: 'code',
    }),
  ];
}

/** The files of docs/fhir/: `StructureDefinition-<id>.json`, pretty-printed FHIR JSON. */
export function reviewExtensionFiles(): { file: string; text: string }[] {
  return reviewExtensionDefinitions().map((definition) => ({ file: `StructureDefinition-${String(definition.id)}.json`, text: `${JSON.stringify(definition, null, 2)}\n` }));
}
