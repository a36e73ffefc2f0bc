/**
 * Cases as pages and the API read them: every function here that returns a party takes the reader and masks.
 * The unmasked reads (`getCase`, `findCase`, `allCases` in ./read) are for other server modules only.
 */
export { CASE_SELECT, agencyOfCase, type CaseRef } from './read';
export {
	filterOptions,
	parseCell,
	parseFlag,
	parseRule,
	personalDataVisible,
	needsPersonalData,
	caseWhere,
	SORTS,
	type CaseFilter,
	type CaseListRow,
	type FilterOptions,
	type SortKey
} from './list';
export { caseListQuery, caseFilterOf, type CaseListQuery } from './list-query';
export { caseListPage, casePage, caseFieldLabels, type CaseListRequest } from './view';
export { correctCircumstance, readCorrection, CorrectionError, type Correction } from './correct';
