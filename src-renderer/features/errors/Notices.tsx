import { Trans, useTranslation } from 'react-i18next';
import { useNoticeStore } from '../../store/notices/noticeStore';

/** Confirmations a dispatcher needs to see without looking for them (incident created, call attached). */
export function Notices() {
  const { t } = useTranslation();
  const notices = useNoticeStore((state) => state.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-testid="notice">
          {notice.key === 'notice.released' ? (
            t(notice.key)
          ) : (
            // The number is data: isolated, and never taken for text to translate.
            <Trans
              i18nKey={notice.key}
              values={{ number: notice.number ?? '' }}
              components={[<bdi translate="no" />]}
            />
          )}
        </div>
      ))}
    </div>
  );
}
