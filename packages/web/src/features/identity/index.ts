export { BindPage } from './pages/bind-page.tsx';
export { BindingReviewPage } from './pages/binding-review-page.tsx';
export { MyUnitsPage } from './pages/my-units-page.tsx';
