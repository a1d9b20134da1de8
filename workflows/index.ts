export { designationWorkflow } from './designation';
export { listingWorkflow } from './listing';
export { webhookDeliveryWorkflow } from './webhook';
export { unitDeadlinesWorkflow } from './unit-deadlines';
