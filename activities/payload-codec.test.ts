// The payload codec: what it seals cannot be read without its key, opens with it, survives a key
// rotation, refuses a tampered or unknown-key payload, and lets payloads from before it through.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, keysFrom } from './payload-codec';

const PERSON = { name: '王某某', idNumber: '11010519491231002X' };
const key = () => randomBytes(32).toString('base64');

describe('the payload codec', () => {
  it('seals a payload so that no personal data is readable, and opens it again', async () => {
    const codec = new EncryptionCodec(keysFrom(`k1:${key()}`));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(PERSON)]);
    const raw = Buffer.from(sealed!.data!).toString('utf8') + Buffer.from(sealed!.data!).toString('latin1');
    expect(raw).not.toContain('11010519491231002X');
    expect(raw).not.toContain('王某某');
    expect(new TextDecoder().decode(sealed!.metadata!.encoding)).toBe('binary/encrypted');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(PERSON);
  });

  it('seals the same payload differently each time (a fresh IV per payload), across more than one block of IVs', async () => {
    const codec = new EncryptionCodec(keysFrom(`k1:${key()}`));
    const payloads = Array.from({ length: 600 }, () => defaultPayloadConverter.toPayload(PERSON));
    const sealed = [...(await codec.encode(payloads)), ...(await codec.encode(payloads))];
    const ivs = new Set(sealed.map((p) => Buffer.from(p.data!).subarray(0, 12).toString('hex')));
    expect(ivs.size).toBe(sealed.length);
    for (const opened of await codec.decode(sealed)) expect(defaultPayloadConverter.fromPayload(opened)).toEqual(PERSON);
  });

  it('opens what an earlier key sealed after a rotation, and seals with the new key', async () => {
    const old = `k1:${key()}`;
    const [sealedBefore] = await new EncryptionCodec(keysFrom(old)).encode([defaultPayloadConverter.toPayload(PERSON)]);
    const rotated = new EncryptionCodec(keysFrom(`k2:${key()},${old}`));
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealedBefore!]))[0]!)).toEqual(PERSON);
    const [sealedAfter] = await rotated.encode([defaultPayloadConverter.toPayload(PERSON)]);
    expect(new TextDecoder().decode(sealedAfter!.metadata!['encryption-key-id'])).toBe('k2');
    // Dropping the old key too early is said plainly, naming the key.
    await expect(new EncryptionCodec(keysFrom(`k2:${key()}`)).decode([sealedBefore!])).rejects.toThrow('sealed with key "k1"');
  });

  it('refuses a tampered payload, and reads a payload from before encryption as it is', async () => {
    const codec = new EncryptionCodec(keysFrom(`k1:${key()}`));
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(PERSON)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow();
    const plain = defaultPayloadConverter.toPayload(PERSON);
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('says what PAYLOAD_KEYS must be when it is missing or malformed', () => {
    expect(() => keysFrom(undefined)).toThrow('PAYLOAD_KEYS is not set');
    expect(() => keysFrom('no-colon')).toThrow('is not id:base64');
    expect(() => new EncryptionCodec(keysFrom('k1:c2hvcnQ='))).toThrow('not 32 bytes');
  });
});
