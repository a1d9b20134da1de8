// The second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s) with `otpauth` — a small, dependency-free,
// actively maintained implementation of HOTP/TOTP and the otpauth:// URI that authenticator apps
// (微信/支付宝 小程序, Google/Microsoft Authenticator, FreeOTP) read — and its QR code with `qrcode`.
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = '信用惩戒办理系统';
const PERIOD = 30;

const totpOf = (secret: string, label = '') =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });

/** A new secret (160 bits, base32), its otpauth:// URI for the user, and the URI as a QR code. */
export async function newTotp(username: string): Promise<{ secret: string; uri: string; qr: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const uri = totpOf(secret, username).toString();
  return { secret, uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
}

/**
 * The time step a code belongs to, when it is right (the step before or after also, for a clock a
 * little off); null when it is not. A code of a step at or before `lastStep` was taken already.
 */
export function totpStep(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totpOf(secret).validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
