/**
 * The discretion model: training, the saved artifacts, conformal intervals, similar cases and the suggestion.
 * A suggester comes from one of two entries: `buildSuggester` (a given model or model directory: the command line,
 * training, tests) and `currentSuggester` (the server's, rebuilt when the cases or the active model change).
 * The officers' page reads through `suggestPage` / `liveSuggestion` (the API through `apiSuggestion`) and saves through `saveProposalFor`;
 * `officer-form.ts` holds what that form needs of the catalog.
 */
export { initBackend, type BackendName } from './backend';
export { loadPastCases, isLearnable, splitPart, type PastCase } from './dataset';
export { DiscretionModel, type ModelMeta, type Interval } from './discretion';
export { evaluate, METHOD_LABELS, type Evaluation, type MethodResult } from './evaluate';
export { trainDiscretion, evaluateSaved, TrainingError, MIN_TRAINING_CASES, type TrainResult } from './train';
export { saveModel, loadModel, readCard, modelCard, activeModelDir, activateModel, DEFAULT_MODEL_DIR, ModelMissingError, type ModelCard } from './artifacts';
export { SimilarIndex } from './similar';
export { Suggester, contractOf, type Suggestion, type SuggestionContract, type SuggestInput, type SimilarCase, type Driver } from './suggest';
export { buildSuggester, currentSuggester, warmSuggester } from './suggesters';
export { suggestWithFacts, rankByFacts, forgetRecordedFacts, CANDIDATES, type FactsRequest } from './similar-facts';
export { readCasesFile } from './read-file';
export { saveProposal, proposalsOf, type Proposal } from './proposals';
export { formItems, formFields, requestOf, similarWithParties, type FormItem, type FormField, type ShownSimilar, type LiveSuggestion } from './officer-form';
export { startRetrain, retrainJob, type RetrainJob } from './retrain';
export { suggestPage, liveSuggestion, apiSuggestion, saveProposalFor, type LiveRefusal, type SaveOutcome } from './suggest-page';
export { modelCatalogStatus } from './catalog-status';
