export { getCase, allCases, CASE_SELECT } from './read';
