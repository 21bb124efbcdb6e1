import { getStudioApi } from '../../api/getStudioApi';
import type { StudioClient } from '../../../shared/common/studio/StudioApi';

let client: StudioClient | undefined;

/** The one Studio API client of this window (Electron preload or the web host), made on first use. */
export function getStudio(): StudioClient {
  client ??= getStudioApi();
  return client;
}
