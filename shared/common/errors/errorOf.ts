import { CrosswalkError } from './CrosswalkError';

/**
 * The CrosswalkError that `fn` throws, so a test can assert its code, sentence and place
 * exactly. Fails when `fn` returns normally or throws anything else.
 */
export function errorOf(fn: () => unknown): CrosswalkError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CrosswalkError) return error;
    throw error;
  }
  throw new Error('expected a CrosswalkError');
}

/** The CrosswalkError that `promise` rejects with; fails when it resolves or rejects with anything else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<CrosswalkError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CrosswalkError) return error;
    throw error;
  }
  throw new Error('expected a CrosswalkError');
}
