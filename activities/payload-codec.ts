// Personal data in workflow inputs, results, signals, Updates and queries — persons' ID numbers and
// names, statements, grounds — is encrypted before it leaves the process, so Temporal's stored
// history holds none of it in plain text. AES-256-GCM; each payload names the key that sealed it,
// so keys can be rotated: the first key of PAYLOAD_KEYS seals, every listed key opens.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
// The default import: @temporalio/proto is CommonJS whose exports Node's ESM loader cannot list, so a
// named import fails outside vitest (`npm start`, `npm run worker`, `npm run api` under tsx).
import proto from '@temporalio/proto';

const { temporal } = proto;

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (s: string) => new TextEncoder().encode(s);
const decoder = new TextDecoder();
const text = (b: Uint8Array | null | undefined) => (b ? decoder.decode(b) : undefined);

/**
 * A fresh random IV for each payload, taken from a block of random bytes drawn 256 IVs at a time:
 * the same CSPRNG output, each slice used once, without a call into OpenSSL for every payload.
 */
const nextIv = (() => {
  const BLOCK = 256;
  let pool = Buffer.alloc(0);
  let at = 0;
  return (): Buffer => {
    if (at === pool.length) [pool, at] = [randomBytes(IV_BYTES * BLOCK), 0];
    const iv = pool.subarray(at, at + IV_BYTES);
    at += IV_BYTES;
    return iv;
  };
})();

export class EncryptionCodec implements PayloadCodec {
  /** `keys`: id → 32-byte key, the first the one that seals. */
  constructor(private readonly keys: ReadonlyMap<string, Buffer>) {
    if (keys.size === 0) throw new Error('payload encryption: no key given');
    for (const [id, key] of keys) if (key.length !== 32) throw new Error(`payload encryption: key ${id} is not 32 bytes (AES-256)`);
  }

  private get current(): [string, Buffer] {
    return this.keys.entries().next().value!;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const [id, key] = this.current;
    return payloads.map((payload) => {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { [METADATA_ENCODING_KEY]: utf8(ENCODING), [KEY_ID]: utf8(id) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads written before encryption was turned on are read as they are.
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCODING) return payload;
      const id = text(payload.metadata?.[KEY_ID]) ?? '';
      const key = this.keys.get(id);
      if (!key) throw new Error(`payload encryption: sealed with key "${id}", which PAYLOAD_KEYS does not list`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/**
 * The keys from PAYLOAD_KEYS: `id:base64[,id:base64…]`, the first sealing. To rotate, put a new key
 * first and keep the old ones listed for as long as histories sealed with them are kept.
 */
export function keysFrom(spec: string | undefined): Map<string, Buffer> {
  if (!spec?.trim()) {
    throw new Error('PAYLOAD_KEYS is not set: give one or more AES-256 keys as id:base64 (openssl rand -base64 32), the first sealing');
  }
  const keys = new Map<string, Buffer>();
  for (const entry of spec.split(',')) {
    const at = entry.indexOf(':');
    if (at <= 0) throw new Error(`PAYLOAD_KEYS: "${entry.slice(0, 12)}…" is not id:base64`);
    keys.set(entry.slice(0, at).trim(), Buffer.from(entry.slice(at + 1).trim(), 'base64'));
  }
  return keys;
}

/** A new key entry for PAYLOAD_KEYS: a fresh id and 32 random bytes. */
export const newKeyEntry = () => `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}:${randomBytes(32).toString('base64')}`;

/** The data converter every client and worker of the system uses: payloads sealed with PAYLOAD_KEYS. */
export function payloadDataConverter(spec = process.env.PAYLOAD_KEYS) {
  return { payloadCodecs: [new EncryptionCodec(keysFrom(spec))] };
}
