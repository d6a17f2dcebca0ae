export { FilingPage } from './pages/filing-page.tsx';
export { FilingStatusPage } from './pages/filing-status-page.tsx';
export { FilingsPage } from './pages/filings-page.tsx';
export { RevenuePage } from './pages/revenue-page.tsx';
export { StatementNewPage } from './pages/statement-new-page.tsx';
export { StatementPage } from './pages/statement-page.tsx';
