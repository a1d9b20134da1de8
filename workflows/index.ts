export { designationWorkflow } from './designation';
