// Evidence files for a form field that keeps their ids: each file is uploaded as soon as it is
// chosen (POST /api/attachments), and the form is sent with the ids the server answered. A file the
// server refuses (its content is no PDF, image or OFD; too large) is shown with the reason and is
// not part of the field.
import { Button, Typography, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, ATTACHMENTS_PER_STEP } from '../../../domain/schemas';
import type { Uploaded } from '../api';
import { useI18n } from '../i18n';

const ACCEPT = [...Object.keys(ATTACHMENT_TYPES), ...Object.values(ATTACHMENT_TYPES).flat()].join(',');

interface Props {
  id?: string;
  value: string[] | undefined;
  onChange(ids: string[]): void;
  /** Files already in the field (a draft being revised): their names. */
  known?: { id: string; fileName: string }[];
}

async function upload(file: File): Promise<Uploaded> {
  const body = new FormData();
  body.append('file', file, file.name);
  const res = await fetch('/api/attachments', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'accept-language': localStorage.getItem('locale') === 'en' ? 'en' : 'zh-CN' },
    body,
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.title ?? res.statusText);
  return data as Uploaded;
}

export function AttachmentsInput({ id, value, onChange, known = [] }: Props) {
  const { t } = useI18n();
  const ids = value ?? [];
  // Several files may finish at once: each adds to the ids as they are by then.
  const latest = useRef(ids);
  latest.current = ids;
  const [names, setNames] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<UploadFile[]>([]);
  const nameOf = (fileId: string) => names[fileId] ?? known.find((k) => k.id === fileId)?.fileName ?? fileId;
  const fileList: UploadFile[] = [...ids.map((i) => ({ uid: i, name: nameOf(i), status: 'done' as const })), ...pending];
  const mb = ATTACHMENT_MAX_BYTES / 1024 / 1024;

  return (
    <div data-testid="attachments-input">
      <Upload
        accept={ACCEPT}
        multiple
        fileList={fileList}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            setPending((p) => [...p, { uid: file.uid, name: file.name, status: 'error', response: t('fileTooLarge', mb) }]);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          upload(file as File).then(
            (done) => onSuccess?.(done),
            (err: Error) => onError?.(err, err.message),
          );
        }}
        onChange={({ file }) => {
          if (file.status === 'removed') {
            if (ids.includes(file.uid)) onChange((latest.current = ids.filter((i) => i !== file.uid)));
            setPending((p) => p.filter((f) => f.uid !== file.uid));
          } else if (file.status === 'done' && file.response) {
            const done = file.response as Uploaded;
            setNames((n) => ({ ...n, [done.id]: done.fileName }));
            setPending((p) => p.filter((f) => f.uid !== file.uid));
            onChange((latest.current = [...latest.current, done.id]));
          } else {
            // Uploading, or refused: the server's reason is shown beside the file.
            const shown = file.status === 'error' ? { ...file, response: file.error?.message ?? file.response } : file;
            setPending((p) => [...p.filter((f) => f.uid !== file.uid), shown]);
          }
        }}
        itemRender={(node, file) =>
          file.status === 'error' ? (
            <div>
              {node}
              <Typography.Text type="danger" data-testid="upload-error">
                {String(file.response ?? '')}
              </Typography.Text>
            </div>
          ) : (
            node
          )
        }
      >
        <Button id={id} disabled={ids.length >= ATTACHMENTS_PER_STEP}>
          {t('upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t('attachmentHint', mb, ATTACHMENTS_PER_STEP)}</Typography.Text>
    </div>
  );
}
