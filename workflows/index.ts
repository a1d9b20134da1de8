export { designationWorkflow } from './designation';
export { listingWorkflow } from './listing';
