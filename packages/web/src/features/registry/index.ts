export { EstateSelect } from './components/estate-select.tsx';
export { CommitteesPage } from './pages/committees-page.tsx';
export { CompaniesPage } from './pages/companies-page.tsx';
export { ContractsPage } from './pages/contracts-page.tsx';
export { EstatePage } from './pages/estate-page.tsx';
export { EstatesPage } from './pages/estates-page.tsx';
export { OwnersPage } from './pages/owners-page.tsx';
export { UnitPage } from './pages/unit-page.tsx';
export { UnitsPage } from './pages/units-page.tsx';

export { RegionTreeSelect } from './components/region-tree-select.tsx';
