export { CasePage } from './pages/case-page.tsx';
export { MyCasesPage } from './pages/my-cases-page.tsx';
export { NewCasePage } from './pages/new-case-page.tsx';
