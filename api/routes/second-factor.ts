// A supervisor's or administrator's own second factor (TOTP): enrolment from the account page — a
// new secret shown once as a QR code and as text, handed to the browser sealed (nothing is stored
// until the user confirms it with a code from the app) — after which every sign-in asks for the
// 6-digit code (api/auth.ts). The secret is stored sealed (api/secrets.ts) and never answered
// again; an administrator resets it.
import { Router, type Request } from 'express';
import type { Db } from '../../activities/db';
import { totpEnrolmentSchema, totpStatusSchema } from '../../domain/api';
import { totpConfirmSchema } from '../../domain/schemas';
import { translateMessage } from '../../domain/messages';
import { SECOND_FACTOR_ROLES } from '../../domain/vocabulary';
import { clientAddress } from '../auth';
import { endpoint } from '../endpoints';
import { Problem, localeOf, say, zodProblem } from '../problem';
import { openSecret, sealSecret } from '../secrets';
import { newTotp, totpStep } from '../totp';

/** How long an enrolment handed out may be confirmed. */
const ENROLMENT_MS = 10 * 60_000;
/** An enrolment as the server sealed it; null when it was not (altered, or sealed with a key no longer listed). */
function openEnrolment(sealed: string): { userId: string; secret: string; until: number } | null {
  try {
    return JSON.parse(openSecret(sealed)) as { userId: string; secret: string; until: number };
  } catch {
    return null;
  }
}

export function secondFactorRoutes(db: Db): Router {
  const r = Router();
  const own = async (req: Request) => db.user.findUniqueOrThrow({ where: { id: req.user!.userId } });

  endpoint(
    r,
    {
      method: 'get',
      path: '/session/second-factor',
      tag: 'session',
      roles: 'session',
      access: false,
      response: totpStatusSchema,
      summary: ['本人的双因素认证状态', "One's own second factor: whether it may be enrolled, whether it is"],
    },
    async (req, res) => {
      if (!req.user) throw new Problem(401, say(req, 'signIn'));
      const u = await own(req);
      res.json({ available: SECOND_FACTOR_ROLES.some((r) => r === u.role), enabled: !!u.totpSecret, enabledAt: u.totpEnabledAt });
    },
  );

  endpoint(
    r,
    {
      method: 'post',
      path: '/session/second-factor/enrolment',
      tag: 'session',
      roles: SECOND_FACTOR_ROLES,
      status: 201,
      response: totpEnrolmentSchema,
      summary: [
        '开始启用双因素认证：生成密钥（二维码与文本，仅此一次显示）',
        'Begin enrolling a second factor: a new secret, shown this once as a QR code and as text',
      ],
    },
    async (req, res) => {
      const u = await own(req);
      if (u.totpSecret) throw new Problem(409, say(req, 'secondFactorEnrolled'));
      const enrolment = await newTotp(u.username);
      const sealed = sealSecret(JSON.stringify({ userId: u.id, secret: enrolment.secret, until: Date.now() + ENROLMENT_MS }));
      res.status(201).json({ ...enrolment, enrolment: sealed });
    },
  );

  endpoint(
    r,
    {
      method: 'post',
      path: '/session/second-factor',
      tag: 'session',
      roles: SECOND_FACTOR_ROLES,
      body: totpConfirmSchema,
      response: totpStatusSchema,
      summary: [
        '确认启用双因素认证（输入应用显示的验证码）',
        'Confirm the second factor with a code from the app: from then on sign-in asks for one',
      ],
    },
    async (req, res) => {
      const parsed = totpConfirmSchema.safeParse(req.body);
      if (!parsed.success) throw zodProblem(req, parsed.error);
      const u = await own(req);
      if (u.totpSecret) throw new Problem(409, say(req, 'secondFactorEnrolled'));
      const enrolment = openEnrolment(parsed.data.enrolment);
      if (!enrolment || enrolment.userId !== u.id || enrolment.until < Date.now())
        throw new Problem(409, say(req, 'secondFactorNotEnrolling'));
      const step = totpStep(enrolment.secret, parsed.data.code, null);
      if (step === null) {
        const message = translateMessage('totp.wrong', localeOf(req));
        throw new Problem(400, say(req, 'formErrors'), `code: ${message}`, { errors: [{ field: 'code', code: 'totp.wrong', message }] });
      }
      const enabledAt = new Date();
      await db.$transaction([
        // The code that confirmed it is spent: it cannot sign in as well.
        db.user.update({
          where: { id: u.id },
          data: { totpSecret: sealSecret(enrolment.secret), totpEnabledAt: enabledAt, totpLastStep: step },
        }),
        db.accountEvent.create({ data: { userId: u.id, kind: 'TOTP_ENROLLED', address: clientAddress(req) } }),
      ]);
      res.json({ available: true, enabled: true, enabledAt });
    },
  );
  return r;
}
