// Value-map review: the policy, the actions that change rows' review state, progress, the run
// gate, coverage against the v2 tables and target bindings, and the report (data and HTML).
export * from './ReviewAction';
export * from './reviewPolicy';
export * from './applyReviewAction';
export * from './reviewProgress';
export * from './valueMapUses';
export * from './requireApproved';
export * from './observeValueMapCodes';
export * from './reviewCoverage';
export * from './reviewReport';
export * from './reviewReportHtml';
export * from './buildReviewReport';
