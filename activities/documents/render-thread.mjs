// Entry of a rendering thread: registers the tsx loader, then runs the TypeScript thread code.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
