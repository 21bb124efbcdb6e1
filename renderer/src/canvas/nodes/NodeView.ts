import type { ComponentType } from 'react';
import type { MapDefinition, MappingNode, MappingSpec } from '../../../../shared/common/mapping/spec/MappingSpec';
import type { FunctionInfo } from '../../../../shared/common/studio/StudioApi';

/** What a palette entry carries: the kind it makes, a key unique within the kind, and what to show. */
export interface PaletteEntry {
  kind: MappingNode['kind'];
  /** Unique within the kind (a function id, a value map id, `new`); '' for the kind's one entry. */
  key: string;
  label: string;
  hint?: string;
  /** The palette section it is listed under (`Value maps`, `Maps`, a function category). */
  section: string;
  /** Words the palette search also matches. */
  keywords?: string;
}

export interface ViewContext {
  spec: MappingSpec;
  map: MapDefinition;
  functions: ReadonlyMap<string, FunctionInfo>;
}

export interface PaletteContext extends ViewContext {
  functionList: readonly FunctionInfo[];
}

/** What dropping a palette entry makes: the node, and the spec changed for it (a new value map) when it needs that. */
export interface CreatedNode<N extends MappingNode> {
  node: N;
  spec?: MappingSpec;
  /** The value map to open in the editor after the drop. */
  editValueMap?: string;
}

export interface NodeBodyProps<N extends MappingNode> {
  node: N;
  mapId: string;
}

/**
 * How the studio shows one node kind: the renderer half of a kind's definition (the engine half,
 * its ports, checks and compile, is in shared/common/mapping/nodes). OpNode draws the header and
 * the ports of every kind from the engine's `nodePortsOf`; a kind adds only what is its own.
 * Adding a kind is one engine file and one `<Kind>Body.tsx` registered in nodeViews.ts.
 */
export interface NodeView<N extends MappingNode> {
  kind: N['kind'];
  /** A one-character sign on the header. */
  icon: string;
  title(node: N, context: ViewContext): string;
  /** The tooltip of the node. */
  description?(node: N, context: ViewContext): string | undefined;
  /** The kind's own editors under the header (parameters, an expression, a table summary), if any. */
  Body?: ComponentType<NodeBodyProps<N>>;
  /** The body's height in pixels, for laying nodes out before React Flow has measured them. */
  bodyHeight(node: N, context: ViewContext): number;
  /** The body's width in pixels when it is what makes the node wide (0 or absent: the title and ports decide). */
  bodyWidth?(node: N, context: ViewContext): number;
  palette(context: PaletteContext): PaletteEntry[];
  create(entry: PaletteEntry, context: ViewContext, id: (stem: string) => string): CreatedNode<N>;
}
