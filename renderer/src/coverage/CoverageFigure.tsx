import { useDocumentStore } from '../state/documentStore';
import { useViewStore } from '../state/viewStore';
import { useCoverageStore } from './coverageStore';
import { coverageFigure, coveragePercent as percent } from './coverageMarks';

/** The coverage figure above the canvas (valued sample fields read, for the map shown and the whole mapping); opens the Coverage tab. */
export function CoverageFigure() {
  const { result, running, error, targetsOnly } = useCoverageStore();
  const mapId = useDocumentStore((s) => s.mapId);
  const table = useViewStore((s) => s.mainView === 'table');
  const setTab = useViewStore((s) => s.setBottomTab);
  const own = result?.maps.find((m) => m.map === mapId)?.sources;
  let text = 'Coverage …';
  let title = 'Computing the coverage over the samples.';
  if (error && !result) {
    text = 'Coverage –';
    title = error;
  } else if (result && targetsOnly) {
    text = 'Coverage: targets';
    title = 'Sample coverage reads HL7 v2 messages: for a JSON or CSV mapping only the targets are checked.';
  } else if (result) {
    const whole = `mapping ${percent(result.figure.used, result.figure.valued)}`;
    text = table || !own ? `Coverage: ${whole}` : `Coverage: map ${percent(own.used, own.valued)} · ${whole}`;
    title = `Valued sample fields read by a link — ${own && !table ? `this map: ${coverageFigure(own.used, own.valued)}; ` : ''}whole mapping: ${coverageFigure(result.figure.used, result.figure.valued)}. Details in the Coverage tab.`;
  }
  return (
    <button className={`coverage-figure${running ? ' coverage-figure--running' : ''}`} data-testid="coverage-figure" title={title} onClick={() => setTab('coverage')}>
      {text}
    </button>
  );
}
