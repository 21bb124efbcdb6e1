import type { Hl7Message } from '../../shared/common/hl7v2/Hl7Message';
import { messageKeyOf, nameHash, resourceUuid } from '../../shared/common/mapping/execute/deterministicId';
import type { ResourceIds } from './adtA01ToFhir';

const hashes = new Map<string, number>();

/**
 * The engine's deterministic fullUrls for one message (keyed on the message, the target id and the
 * position), so hand-written output can be compared byte for byte with the compiled mapping's.
 */
export function engineIds(message: Hl7Message): ResourceIds {
  const key = messageKeyOf(message);
  return (target, index) => {
    let hash = hashes.get(target);
    if (hash === undefined) hashes.set(target, (hash = nameHash(target)));
    return `urn:uuid:${resourceUuid(key, hash, index)}`;
  };
}
