import qrcode from 'qrcode-generator';
import { useState } from 'preact/hooks';
import { Problem, api } from '../api';
import { problemText, t } from '../i18n';

interface ShareLink {
  code: string;
  url: string;
}

/** The link as a QR code, drawn as SVG squares (no picture is fetched, nothing inline runs). */
export function QrCode({ text }: { text: string }) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const size = qr.getModuleCount();
  const dark: preact.JSX.Element[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (qr.isDark(row, col)) dark.push(<rect key={`${row}-${col}`} x={col + 4} y={row + 4} width={1} height={1} />);
    }
  }
  return (
    <svg class="qr" data-testid="share-qr" viewBox={`0 0 ${size + 8} ${size + 8}`} role="img" aria-label={text}>
      <rect width={size + 8} height={size + 8} fill="#fff" />
      <g fill="#1f1f24">{dark}</g>
    </svg>
  );
}

/** Share a pai, a campaign or a lucky packet: a link of one's own (clicks and accepts count for the sharer) and its QR code. */
export function ShareButton({ targetType, targetId }: { targetType: 'PAI' | 'CAMPAIGN' | 'DROP' | 'PACKET'; targetId: string }) {
  const [link, setLink] = useState<ShareLink | null>(null);
  const [note, setNote] = useState<string | null>(null);

  async function share(channel: 'LINK' | 'WECHAT' | 'QQ' | 'WEIBO') {
    try {
      const made = await api<ShareLink>('POST', '/api/shares', { targetType, targetId, channel });
      setLink(made);
      await navigator.clipboard?.writeText(made.url).catch(() => undefined);
    } catch (e) {
      setNote(e instanceof Problem ? problemText(e.code, e.message) : t('error.generic'));
    }
  }

  return (
    <>
      <button class="link" data-testid="share-button" onClick={() => void share('LINK')}>{t('share.share')}</button>
      {link && (
        <div class="opened" onClick={() => setLink(null)}>
          <div class="share-sheet" onClick={(e) => e.stopPropagation()}>
            <QrCode text={link.url} />
            <input readOnly value={link.url} data-testid="share-url" onFocus={(e) => e.currentTarget.select()} />
            <div class="row">
              <button onClick={() => void share('WECHAT')}>WeChat</button>
              <button onClick={() => void share('QQ')}>QQ</button>
              <button onClick={() => void share('WEIBO')}>Weibo</button>
            </div>
            <button class="link" onClick={() => setLink(null)}>{t('share.close')}</button>
          </div>
        </div>
      )}
      {note && <span class="note" role="status">{note}</span>}
    </>
  );
}
