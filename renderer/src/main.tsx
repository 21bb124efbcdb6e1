import '../api/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { getStudioApi } from '../api/getStudioApi';

// Before anything renders: the web host's launch token leaves the address bar (getStudioApi).
getStudioApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
