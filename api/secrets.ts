// Secrets kept in the database that the server itself must read again (a user's TOTP secret) are
// sealed with AES-256-GCM under the same keys as personal data in Temporal's history (PAYLOAD_KEYS,
// activities/payload-codec.ts): the first key seals, every listed key opens, so rotation works alike.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keysFrom } from '../activities/payload-codec';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** `keyId:base64(iv ‖ ciphertext ‖ tag)`. */
export function sealSecret(plain: string, spec = process.env.PAYLOAD_KEYS): string {
  const [id, key] = keysFrom(spec).entries().next().value!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${id}:${sealed.toString('base64')}`;
}

export function openSecret(sealed: string, spec = process.env.PAYLOAD_KEYS): string {
  const at = sealed.indexOf(':');
  const key = keysFrom(spec).get(sealed.slice(0, at));
  if (at <= 0 || !key) throw new Error(`secret sealed with key "${sealed.slice(0, Math.max(at, 0))}", which PAYLOAD_KEYS does not list`);
  const data = Buffer.from(sealed.slice(at + 1), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
