import { Breadcrumbs } from '../canvas/Breadcrumbs';
import { CoverageFigure } from '../coverage/CoverageFigure';

/** Above the main area: where the canvas is (the breadcrumbs) and the coverage figure. */
export function MainBar() {
  return (
    <div className="main-bar">
      <Breadcrumbs />
      <CoverageFigure />
    </div>
  );
}
