export { getCase, allCases, CASE_SELECT } from './read';
export { listCases, filterOptions, parseCell, parseFlag, SORTS, type CaseFilter, type CaseListRow, type SortKey } from './list';
