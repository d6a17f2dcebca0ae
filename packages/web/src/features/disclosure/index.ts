export { RevenuePage } from './pages/revenue-page.tsx';
export { StatementNewPage } from './pages/statement-new-page.tsx';
export { StatementPage } from './pages/statement-page.tsx';
