export { designationWorkflow } from './designation';
export { listingWorkflow } from './listing';
export { webhookDeliveryWorkflow } from './webhook';
export { unitDeadlinesWorkflow } from './unit-deadlines';
export { pushFollowUpWorkflow } from './push-follow-up';
export { redListingWorkflow } from './red-listing';
export { calendarCorrectionWorkflow } from './calendar-correction';
export { importBatchWorkflow } from './import';
