// A link to a file the server sends — a document, an evidence file — fetched with the purpose given
// for its record (查询事由), so a download of a person's document is registered as the read it is.
// The address stays on the link: it can be copied, and it says what it downloads.
import { App } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, download } from '../api';

export function DownloadLink({
  href,
  fileName,
  children,
  ...rest
}: { href: string; fileName?: string; children: ReactNode } & Record<`data-${string}`, string>) {
  const { message } = App.useApp();
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        e.preventDefault();
        download(href, fileName).catch((err: unknown) => void message.error(err instanceof ApiError ? err.title : String(err)));
      }}
    >
      {children}
    </a>
  );
}
