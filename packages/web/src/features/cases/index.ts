export { CaseFiguresPage } from './pages/case-figures-page.tsx';
export { CasePage } from './pages/case-page.tsx';
export { CasePrintPage } from './pages/case-print-page.tsx';
export { CaseRulesPage } from './pages/case-rules-page.tsx';
export { CasesPage } from './pages/cases-page.tsx';
