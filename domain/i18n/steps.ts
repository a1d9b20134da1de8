// The human steps' names come from the step catalogue, where each step is defined once.
import { STEPS, STEP_NAMES, type StepName } from '../steps';

/** Each step's name in one language: 0 for zh-CN, 1 for English. */
export const stepLabels = (language: 0 | 1) =>
  Object.fromEntries(STEP_NAMES.map((name) => [name, STEPS[name].label[language]])) as Record<StepName, string>;
