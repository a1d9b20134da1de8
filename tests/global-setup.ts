import { prepareTemplate } from './support/database';

export default async function setup() {
  await prepareTemplate();
}
