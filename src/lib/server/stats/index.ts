export { overview, type Overview } from './overview';
export { listOfficers, type OfficerRow } from './roster';
export { annualReport, cellCondition, reportAgency, fenToWan, type ReportCell } from './annual-report';
export { reportWorkbook } from './report-xlsx';
export { dashboard, type Dashboard, type StatsFilter } from './dashboard';
export { ensureCalendarTable } from './calendar-table';
export { exportReportXlsx } from './report-export';
export { caseCount } from './case-count';
export { scorecard, scoreCondition } from './scorecard';
