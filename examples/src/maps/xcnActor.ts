import type { MapBuilder } from '../../../shared/common/mapping/build/MapBuilder';

/**
 * Writes a person named in an XCN field as a reference at `path`: to the Practitioner the message
 * map's target builds from the same field when XCN.1 (their identifier) is sent, else a reference
 * naming them (XCN[Reference]): a Practitioner without an identifier is a record no later message
 * could find again, so none is created.
 */
export function xcnActor(b: MapBuilder, path: string, field: string, target: string, stem: string): void {
  b.set(path, b.cond(`string.trim(${field}.1) != null`, b.ref(target, `ref-${stem}`), `${stem}-has-id`));
  b.set(path, b.call('XCN[Reference]', b.cond(`string.trim(${field}.1) = null`, b.src(field), `${stem}-no-id`), `${stem}-named`));
}
