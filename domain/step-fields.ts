// The fields of a step's form, read from its schema in the step catalogue (through zod's JSON
// Schema): the one form (web/src/components/StepForm.tsx) shows them, and the i18n test checks
// that each has its words in both languages.
import { z } from 'zod';
import { STEPS, type StepEntry, type StepName } from './steps';

interface JsonProperty {
  type?: string;
  format?: string;
  enum?: string[];
  const?: unknown;
  maxLength?: number;
  items?: { enum?: string[] };
  default?: unknown;
  'x-attachments'?: boolean;
}

export interface Field {
  name: string;
  /** 'files': evidence files, uploaded one by one; the field keeps their ids. */
  kind: 'text' | 'date' | 'choice' | 'choices' | 'confirm' | 'decision' | 'files';
  options: string[];
  required: boolean;
  rows: number;
  initial: unknown;
}

/** The fields a step's form shows, in the schema's order, from its JSON Schema. */
export function fieldsOf(step: StepName): Field[] {
  const entry: StepEntry = STEPS[step];
  const json = z.toJSONSchema(entry.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonProperty>;
    required?: string[];
  };
  return Object.entries(json.properties).flatMap(([name, p]): Field[] => {
    if (name === 'revision' || p.type === 'object') return [];
    const required = json.required?.includes(name) ?? false;
    const base = { name, required, options: [] as string[], rows: 3, initial: p.default };
    if (name === entry.decides) return [{ ...base, kind: 'decision', initial: undefined }];
    if (p.type === 'boolean') return [{ ...base, kind: 'confirm', initial: false }];
    if (p.format === 'date') return [{ ...base, kind: 'date', initial: undefined }];
    if (p.enum) return [{ ...base, kind: 'choice', options: p.enum, initial: p.enum[0] }];
    if (p['x-attachments']) return [{ ...base, kind: 'files', initial: [] }];
    if (p.type === 'array' && p.items?.enum) return [{ ...base, kind: 'choices', options: p.items.enum, initial: [] }];
    return [{ ...base, kind: 'text', rows: (p.maxLength ?? 0) > 2000 ? 4 : 3, initial: p.default ?? '' }];
  });
}
