import { Breadcrumbs } from '../canvas/Breadcrumbs';
import { CoverageFigure } from '../coverage/CoverageFigure';
import { useViewStore } from '../state/viewStore';

/** Above the main area: the canvas or the table, where the canvas is (the breadcrumbs) and the coverage figure. */
export function MainBar() {
  const view = useViewStore((s) => s.mainView);
  const setView = useViewStore((s) => s.setMainView);
  return (
    <div className="main-bar">
      <div className="view-switch" role="group" aria-label="Main view">
        <button className={view === 'canvas' ? 'view-switch__on' : undefined} aria-pressed={view === 'canvas'} onClick={() => setView('canvas')} title="The map shown as a graph">Canvas</button>
        <button className={view === 'table' ? 'view-switch__on' : undefined} aria-pressed={view === 'table'} onClick={() => setView('table')} title="Every map's rules as one table">Table</button>
      </div>
      {view === 'canvas' ? <Breadcrumbs /> : <span className="main-bar__title">All maps, one row per link onto a target element</span>}
      <CoverageFigure />
    </div>
  );
}
