import { create } from 'zustand';
import type { FunctionInfo } from '../../../shared/common/studio/StudioApi';
import { getStudio } from './studio';

interface FunctionsState {
  functions: FunctionInfo[];
  byId: Map<string, FunctionInfo>;
  error: string | undefined;
  load(): void;
}

/** The function library's metadata (from the host, so the palette matches what the engine has). */
export const useFunctionsStore = create<FunctionsState>((set, get) => ({
  functions: [],
  byId: new Map(),
  error: undefined,
  load() {
    if (get().functions.length > 0) return;
    getStudio().listFunctions().then(
      (functions) => set({ functions, byId: new Map(functions.map((f) => [f.id, f])), error: undefined }),
      (error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }),
    );
  },
}));
