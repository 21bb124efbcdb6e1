import type { StudioMethodName } from '../shared/common/studio';

/** Every IPC channel the studio uses carries this prefix; main handles exactly one per API method. */
export const channelPrefix = 'crosswalk:';
export const hostCommandChannel = `${channelPrefix}host-command`;

export function studioChannel(method: StudioMethodName): string {
  return `${channelPrefix}${method}`;
}
