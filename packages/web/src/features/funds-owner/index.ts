export { FundApplicationPage } from './pages/application-page.tsx';
export { MyFundPage } from './pages/my-fund-page.tsx';
export { FundStatementsPage } from './pages/statements-page.tsx';
export { UnitMovementsPage } from './pages/unit-movements-page.tsx';
