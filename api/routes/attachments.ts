// Uploading an evidence file: stored on its own, unlinked, until the uploader files it with a step.
import { Router } from 'express';
import type { Db } from '../../activities/db';
import { uploadedSchema } from '../../domain/api';
import { storeUpload } from '../attachments';
import { endpoint } from '../endpoints';

export function attachmentRoutes(db: Db): Router {
  const r = Router();
  endpoint(
    r,
    {
      method: 'post',
      path: '/attachments',
      tag: 'cases',
      // Those who file steps with evidence: the caseworker (the basis document; on the party's
      // behalf), the party, a cooperating unit (its objection).
      roles: ['CASEWORKER', 'PARTY', 'COOPERATING_UNIT'],
      upload: true,
      status: 201,
      response: uploadedSchema,
      summary: [
        '上传证据材料（PDF、JPG、PNG、TIFF 或 OFD，按内容识别）',
        'Upload an evidence file (PDF, JPEG, PNG, TIFF or OFD, by content)',
      ],
    },
    async (req, res) => {
      res.status(201).json(await storeUpload(db, req, res));
    },
  );
  return r;
}
